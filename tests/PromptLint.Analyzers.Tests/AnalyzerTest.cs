using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// A C# analyzer test whose reference assemblies come from Basic.Reference.Assemblies (restored with the project),
/// so nothing is downloaded while tests run.
/// </summary>
public sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string ProjectDirectory = "/proj";

    public AnalyzerTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        MarkupOptions = MarkupOptions.UseFirstDescriptor; // a rule with two messages has two descriptors of one id
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.Sources.Add("class Placeholder { }");
    }

    /// <summary>References the LLM SDK assemblies (Microsoft.Extensions.AI, OpenAI, Semantic Kernel, Anthropic) restored with this project.</summary>
    public AnalyzerTest<TAnalyzer> WithSdks()
    {
        var prefixes = new[] { "Microsoft.Extensions.AI", "OpenAI", "System.ClientModel", "Microsoft.SemanticKernel", "Anthropic", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Extensions.VectorData.Abstractions", "System.Memory.Data", "ModelContextProtocol", "Microsoft.Agents.AI" };
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => prefixes.Any(prefix => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal))))
        {
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        return this;
    }

    /// <summary>
    /// Replaces the current Anthropic SDK with the oldest one supported (12.60.0, copied beside the tests by the project
    /// file). Throws when the copy is missing, so a test that needs it cannot pass without it.
    /// </summary>
    public AnalyzerTest<TAnalyzer> WithOldestAnthropic()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sdk-versions", "anthropic-12.60.0", "Anthropic.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The oldest supported Anthropic SDK was not copied beside the tests.", path);
        }

        var current = TestState.AdditionalReferences.Where(r => Path.GetFileName(r.Display) == "Anthropic.dll").ToList();
        foreach (var reference in current)
        {
            TestState.AdditionalReferences.Remove(reference);
        }

        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        return this;
    }

    /// <summary>Adds a C# source file.</summary>
    public AnalyzerTest<TAnalyzer> WithSource(string source)
    {
        TestState.Sources.Add(source);
        return this;
    }

    /// <summary>Adds a prompt file (or baseline) under <see cref="ProjectDirectory"/> with its PromptLintKind metadata.</summary>
    public AnalyzerTest<TAnalyzer> WithFile(string relativePath, string text, string kind = "auto")
    {
        var path = ProjectDirectory + "/" + relativePath;
        TestState.AdditionalFiles.Add((path, text));
        _metadata.Add($"[{path}]\nbuild_metadata.AdditionalFiles.PromptLintKind = {kind}\n");
        return this;
    }

    /// <summary>Adds a prompt file as the compiler decoded it (with its encoding).</summary>
    public AnalyzerTest<TAnalyzer> WithFile(string relativePath, Microsoft.CodeAnalysis.Text.SourceText text, string kind = "auto")
    {
        var path = ProjectDirectory + "/" + relativePath;
        TestState.AdditionalFiles.Add((path, text));
        _metadata.Add($"[{path}]\nbuild_metadata.AdditionalFiles.PromptLintKind = {kind}\n");
        return this;
    }

    /// <summary>Silences the prompt-level rules PL0003–PL0009 (output cap, caching, volatile values, budgets, context window, tool footprint) so a test can focus on discovery and measuring.</summary>
    public AnalyzerTest<TAnalyzer> WithoutCostRules()
    {
        foreach (var id in new[] { "PL0003", "PL0004", "PL0005", "PL0006", "PL0007", "PL0008", "PL0009" })
        {
            _properties.Add($"dotnet_diagnostic.{id}.severity = none\n");
        }

        return this;
    }

    /// <summary>Adds a global <c>.editorconfig</c>-style key (<c>promptlint.*</c>).</summary>
    public AnalyzerTest<TAnalyzer> WithOption(string key, string value)
    {
        _properties.Add($"{key} = {value}\n");
        return this;
    }

    /// <summary>Adds a build property the way CompilerVisibleProperty makes it visible.</summary>
    public AnalyzerTest<TAnalyzer> WithProperty(string name, string value)
    {
        _properties.Add($"build_property.{name} = {value}\n");
        return this;
    }

    private readonly List<string> _metadata = new();
    private readonly List<string> _properties = new();

    public new Task RunAsync(CancellationToken cancellationToken = default)
    {
        var global = "is_global = true\n" + $"build_property.PromptLintProjectDirectory = {ProjectDirectory}\n" + string.Concat(_properties) + string.Concat(_metadata);
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", global));
        return base.RunAsync(cancellationToken);
    }
}
