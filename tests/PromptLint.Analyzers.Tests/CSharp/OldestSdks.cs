using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>The oldest SDK versions supported, copied beside the tests by the project file (sdk-versions/).</summary>
internal static class OldestSdks
{
    /// <summary>The three Microsoft.Extensions.AI assemblies of the oldest supported version.</summary>
    public const string ExtensionsAiVersion = "10.11.0";

    /// <summary>
    /// Replaces Microsoft.Extensions.AI, its abstractions and its OpenAI adapter with those of <see cref="ExtensionsAiVersion"/>.
    /// Throws when the copies are missing, so a test that needs them cannot pass without them.
    /// </summary>
    public static AnalyzerTest<TAnalyzer> WithOldestExtensionsAi<TAnalyzer>(this AnalyzerTest<TAnalyzer> test)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "sdk-versions", "meai-" + ExtensionsAiVersion);
        foreach (var name in new[] { "Microsoft.Extensions.AI.dll", "Microsoft.Extensions.AI.Abstractions.dll", "Microsoft.Extensions.AI.OpenAI.dll" })
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("The oldest supported Microsoft.Extensions.AI was not copied beside the tests.", path);
            }

            foreach (var current in test.TestState.AdditionalReferences.Where(r => Path.GetFileName(r.Display) == name).ToList())
            {
                test.TestState.AdditionalReferences.Remove(current);
            }

            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        return test;
    }

    /// <summary>The package version (product version without its commit) of the Microsoft.Extensions.AI.Abstractions a test compiles against.</summary>
    public static string? ExtensionsAiVersionOf<TAnalyzer>(AnalyzerTest<TAnalyzer> test)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        => test.TestState.AdditionalReferences.Where(r => Path.GetFileName(r.Display) == "Microsoft.Extensions.AI.Abstractions.dll")
            .Select(r => System.Diagnostics.FileVersionInfo.GetVersionInfo(r.Display!).ProductVersion?.Split('+')[0])
            .FirstOrDefault();
}
