using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Benchmarks;

/// <summary>
/// A generated application of 500 files: 300 plain ones and 200 that each hold a prompt the way teams write them
/// (const raw strings, interpolations, concatenations, IChatClient calls), deterministic for a given seed.
/// </summary>
public static class GeneratedProject
{
    public const int Files = 500;
    public const int Prompts = 200;

    public static CSharpCompilation Create(int seed = 7)
    {
        var random = new Random(seed);
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < Files; i++)
        {
            var source = i < Prompts ? PromptFile(i, random) : PlainFile(i);
            trees.Add(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"/app/File{i:D3}.cs"));
        }

        var references = Basic.Reference.Assemblies.Net100.References.All.Concat(
            Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
        return CSharpCompilation.Create("Generated", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Writes the same project to disk as a buildable console-free library, for the build-overhead script.</summary>
    public static void WriteTo(string directory, string? promptLintVersion, int seed = 7)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"File{i:D3}.cs"), i < Prompts ? PromptFile(i, random) : PlainFile(i));
        }

        // 50 prompt files beside the code, as teams keep them.
        Directory.CreateDirectory(Path.Combine(directory, "Prompts"));
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(directory, "Prompts", $"prompt{i:D2}.prompty"), $"---\nname: P{i}\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nYou answer questions about topic {i} for Contoso customers, briefly and politely.\n\nuser:\n{{{{question}}}}\n");
        }

        var reference = promptLintVersion is null ? string.Empty : $"<PackageReference Include=\"PromptLint\" Version=\"{promptLintVersion}\" PrivateAssets=\"all\" />";
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
                {{reference}}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>The compilation with one prompt's system text edited (a sentence appended), as after a keystroke burst.</summary>
    public static CSharpCompilation EditOneFile(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString().Replace("Rule 0:", "Rule 0 (edited " + Guid.NewGuid().ToString("N") + "):");
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
    }

    public static AnalyzerOptions Options(bool analyzeCode) => new(
        PromptFiles(),
        new OptionsProvider(new Dictionary<string, string>
        {
            ["build_property.PromptLintEmitMeasurements"] = "true",
            ["build_property.PromptLintAnalyzeCode"] = analyzeCode ? "true" : "false",
        }));

    private static string PromptFile(int i, Random random)
    {
        var policy = new StringBuilder();
        for (var line = 0; line < 5 + random.Next(30); line++)
        {
            policy.Append("    Rule ").Append(line).Append(": answer customers about orders, shipping and returns politely and briefly.\n");
        }

        return $$""""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace App.Feature{{i}};

            public static class Prompts{{i}}
            {
                public const string System = """
                {{policy}}    """;
            }

            public sealed class Service{{i}}(IChatClient client)
            {
                public async Task<string> AskAsync(string user, string question)
                {
                    var messages = new List<ChatMessage>
                    {
                        new(ChatRole.System, Prompts{{i}}.System),
                        new(ChatRole.User, $"Customer {user} asks: {question}"),
                    };
                    var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = {{100 + i}} });
                    return response.Text;
                }

                public Task<ChatResponse> TitleAsync(string question)
                    => client.GetResponseAsync("Write a title for: " + question);
            }
            """";
    }

    private static string PlainFile(int i) => $$"""
        using System;
        using System.Linq;

        namespace App.Plain{{i}};

        public sealed class Model{{i}}
        {
            public int Id { get; init; }
            public string Name { get; init; } = "";
            public override string ToString() => $"{Id}: {Name}";
            public static int Sum(int[] values) => values.Where(v => v > {{i % 7}}).Sum();
        }
        """;

    // The 50 prompt files of the on-disk project, handed over as the build does (PromptLintKind metadata).
    private static ImmutableArray<AdditionalText> PromptFiles()
        => Enumerable.Range(0, 50).Select(i => (AdditionalText)new InMemoryFile($"/app/Prompts/prompt{i:D2}.prompty", $"---\nname: P{i}\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nYou answer questions about topic {i} for Contoso customers, briefly and politely.\n\nuser:\n{{{{question}}}}\n")).ToImmutableArray();

    private sealed class InMemoryFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Options(textFile.Path.EndsWith(".prompty", StringComparison.Ordinal) ? new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = "auto" } : new());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
