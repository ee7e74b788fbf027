using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.SemanticKernel.ChatPrompts;

/// <summary>Semantic Kernel chat prompts: &lt;message role&gt; tags in C# strings.</summary>
public static class ChatPromptTemplates
{
    private const string ReviewPrompt = """
        <message role="system">You review pull request descriptions for clarity.</message>
        <message role="user">Review this description: {{$description}}</message>
        """;

    public static async Task RunAsync(Kernel kernel, string description)
    {
        Console.WriteLine(await kernel.InvokePromptAsync(ReviewPrompt, new() { ["description"] = description }));

        var rewrite = kernel.CreateFunctionFromPrompt("""
            <message role="system">You rewrite text so that a ten-year-old can understand it.</message>
            <message role="user">{{$input}}</message>
            """);
        Console.WriteLine(await kernel.InvokeAsync(rewrite, new() { ["input"] = description }));
    }
}
