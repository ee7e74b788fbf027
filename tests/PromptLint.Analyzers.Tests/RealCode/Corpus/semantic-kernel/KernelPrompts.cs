using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Corpus.SemanticKernel.Prompts;

/// <summary>Prompt templates invoked on a kernel whose model is registered with AddOpenAIChatCompletion(model, key).</summary>
public static class KernelPrompts
{
    private const string ChatModel = "gpt-4o-mini";

    public static async Task RunAsync(string apiKey)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(ChatModel, apiKey);
        Kernel kernel = builder.Build();

        Console.WriteLine(await kernel.InvokePromptAsync("Suggest a name for a bakery that only sells sourdough bread."));

        var arguments = new KernelArguments { ["city"] = "Lyon", ["days"] = "3" };
        Console.WriteLine(await kernel.InvokePromptAsync("Plan a {{$days}}-day trip to {{$city}} for someone who loves museums.", arguments));

        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 120, Temperature = 0.3 };
        Console.WriteLine(await kernel.InvokePromptAsync("Describe {{$city}} in one paragraph.", new KernelArguments(settings) { ["city"] = "Porto" }));

        string[] questions = ["What is a monad?", "What is a functor?"];
        foreach (var question in questions)
        {
            Console.WriteLine(await kernel.InvokePromptAsync(question));
        }

        await foreach (var chunk in kernel.InvokePromptStreamingAsync("Write a limerick about {{$topic}}.", new() { ["topic"] = "garbage collection" }))
        {
            Console.Write(chunk);
        }
    }
}
