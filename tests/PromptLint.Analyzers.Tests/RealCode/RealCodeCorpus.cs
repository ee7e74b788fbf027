using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.Analyzers.Tests.RealCode;

/// <summary>
/// The C# corpus under RealCode/Corpus (copied to the test output), each file compiled on its own with what it needs
/// and nothing else, and the hand-labelled truth in expected.json. The files are written for PromptLint in the shapes
/// real applications use (see Corpus/README.md for why they are not copies of public code).
/// </summary>
/// <remarks>
/// A corpus file <c>Corpus/dir/File.cs</c> compiles together with, when they exist, <c>Corpus/dir/File.Stubs.cs</c>
/// (stand-ins for types of an application or package the corpus does not have), <c>Corpus/dir/Shared.Stubs.cs</c>
/// (stand-ins every file of that folder uses) and <c>Corpus/dir/GlobalUsings.cs</c> (global usings of the project the
/// files stand for). None of those is labelled.
/// </remarks>
internal static class RealCodeCorpus
{
    public const string StubsSuffix = ".Stubs.cs";
    public const string SharedStubsName = "Shared.Stubs.cs";
    public const string GlobalUsingsName = "GlobalUsings.cs";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "RealCode", "Corpus");

    /// <summary>The corpus files (not stubs or global usings) as paths relative to <see cref="Directory"/> with '/' separators, sorted.</summary>
    public static ImmutableArray<string> Files { get; } = System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Directory, path).Replace('\\', '/'))
            .Where(path => !path.EndsWith(StubsSuffix, StringComparison.Ordinal) && Path.GetFileName(path) != GlobalUsingsName)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToImmutableArray()
        : ImmutableArray<string>.Empty;

    private static readonly string[] SdkPrefixes =
    {
        "Microsoft.Extensions.", "OpenAI", "System.ClientModel", "System.Memory.Data", "Microsoft.SemanticKernel", "Anthropic",
        "ModelContextProtocol", "Azure.", "Microsoft.Bcl.AsyncInterfaces",
    };

    /// <summary>The SDK assemblies restored with this project (as <c>AnalyzerTest.WithSdks</c> takes them, plus Azure and the Microsoft.Extensions abstractions the samples use).</summary>
    public static ImmutableArray<MetadataReference> References { get; } = Basic.Reference.Assemblies.Net100.References.All
        .Concat(System.IO.Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => SdkPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .ToImmutableArray();

    /// <summary>The syntax trees of one corpus file and of what it compiles with (stubs, global usings); the file itself first.</summary>
    public static ImmutableArray<SyntaxTree> SyntaxTrees(string file)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var path = Path.Combine(Directory, file);
        var folder = Path.GetDirectoryName(path)!;
        var companions = new[]
        {
            Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + StubsSuffix),
            Path.Combine(folder, SharedStubsName),
            Path.Combine(folder, GlobalUsingsName),
        };
        return new[] { path }.Concat(companions.Where(File.Exists).Where(companion => companion != path))
            .Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p), System.Text.Encoding.UTF8), options, p))
            .ToImmutableArray();
    }

    /// <summary>One corpus file compiled on its own (an executable when it has top-level statements).</summary>
    public static CSharpCompilation Compile(string file)
    {
        var trees = SyntaxTrees(file);
        var topLevel = trees.Any(tree => tree.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        var options = new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        return CSharpCompilation.Create(Path.GetFileNameWithoutExtension(file).Replace('.', '_'), trees, References, options);
    }

    /// <summary>The entries of Corpus/expected.json.</summary>
    public static ImmutableArray<ExpectedEntry> Expected()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")));
        return document.RootElement.EnumerateArray().Select((element, index) => new ExpectedEntry(
            index,
            element.GetProperty("file").GetString()!,
            element.GetProperty("line").GetInt32(),
            element.GetProperty("kind").GetString()!,
            element.Clone())).ToImmutableArray();
    }
}

/// <summary>One hand-labelled prompt send or tool definition of expected.json.</summary>
/// <param name="Index">Its position in the file (0-based), for messages.</param>
/// <param name="File">The corpus file, relative to the corpus directory.</param>
/// <param name="Line">The 1-based line of the send call, tool method or tool factory call.</param>
/// <param name="Kind"><c>prompt</c> or <c>tool</c>.</param>
/// <param name="Json">The whole entry (model, messages, library, type, method, name, wireName, ...).</param>
internal sealed record ExpectedEntry(int Index, string File, int Line, string Kind, JsonElement Json)
{
    /// <summary>The model of a prompt entry; null when the file does not determine it, and for tools.</summary>
    public string? Model => Json.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null;

    /// <summary>The static text of each message of a prompt entry (its text segments joined, holes left out), in order; empty for tools.</summary>
    public IReadOnlyList<(string Role, string StaticText)> Messages => Json.TryGetProperty("messages", out var messages)
        ? messages.EnumerateArray()
            .Select(message => (message.GetProperty("role").GetString()!, string.Concat(message.GetProperty("segments").EnumerateArray()
                .Where(segment => segment.ValueKind == JsonValueKind.String)
                .Select(segment => segment.GetString()))))
            .ToList()
        : Array.Empty<(string, string)>();

    /// <summary>The number of holes in a prompt entry's messages.</summary>
    public int Holes => Json.TryGetProperty("messages", out var messages)
        ? messages.EnumerateArray().Sum(message => message.GetProperty("segments").EnumerateArray().Count(segment => segment.ValueKind == JsonValueKind.Object))
        : 0;

    public override string ToString() => $"#{Index} {File}:{Line} ({Kind})";
}
