using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Corpus.SemanticKernel.Factories;

/// <summary>Functions made with KernelFunctionFactory: from methods (tools) and from prompts.</summary>
public static class FunctionFactories
{
    public static async Task RunAsync(Kernel kernel)
    {
        KernelFunction convert = KernelFunctionFactory.CreateFromMethod(
            (double celsius) => celsius * 9 / 5 + 32,
            functionName: "celsius_to_fahrenheit",
            description: "Converts a temperature from Celsius to Fahrenheit");

        KernelFunction today = KernelFunctionFactory.CreateFromMethod(GetToday, "get_today", "Gets today's date");

        kernel.Plugins.AddFromFunctions("utilities", [convert, today]);

        KernelFunction weekend = KernelFunctionFactory.CreateFromPrompt(
            "Suggest a weekend activity for a family of {{$size}} when it is {{$temperature}} degrees outside.",
            new OpenAIPromptExecutionSettings { MaxTokens = 150 });
        Console.WriteLine(await kernel.InvokeAsync(weekend, new() { ["size"] = "four", ["temperature"] = "25" }));

        var haiku = kernel.CreateFunctionFromPrompt("Write a haiku about the season of {{$date}}.", functionName: "seasonal_haiku");
        Console.WriteLine(await haiku.InvokeAsync(kernel, new() { ["date"] = DateTime.UtcNow.ToString("MMMM") }));
    }

    private static string GetToday() => DateTime.UtcNow.ToString("yyyy-MM-dd");
}
