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

        WriteProject(directory, "Generated", promptLintVersion, "<PackageReference Include=\"Microsoft.Extensions.AI.Abstractions\" Version=\"10.11.0\" />");
    }

    /// <summary>
    /// A project of 200 prompt files and no C# of its own, in the formats PromptLint reads (Prompty, GitHub Models,
    /// Semantic Kernel YAML, Markdown and text templates, tool lists), about 120 KB in all, for bench/build-overhead.sh.
    /// </summary>
    public static void WritePromptFilesTo(string directory, string? promptLintVersion)
    {
        Directory.CreateDirectory(Path.Combine(directory, "Prompts"));
        var topics = new[] { "orders", "shipping", "returns", "invoices", "warranty", "accounts", "subscriptions", "refunds" };
        var rules = new[]
        {
            "Answer in at most three sentences and never promise refunds.",
            "If the answer is not in the context, say so and offer to open a ticket.",
            "Quote the order number exactly as the customer wrote it.",
            "Use the customer's language; default to English.",
            "Do not give legal or medical advice; refer the customer to a professional.",
            "Summarize the thread before proposing a next step.",
        };
        string Policy(int i) => string.Join("\n", Enumerable.Range(0, 4 + (i % 5)).Select(r => $"- {rules[(i + r) % rules.Length]} ({topics[(i + r) % topics.Length]}, rule {r + 1})"));
        for (var i = 0; i < 200; i++)
        {
            var topic = topics[i % topics.Length];
            var (name, text) = (i % 6) switch
            {
                0 => ($"Prompts/answer{i:D3}.prompty", $"---\nname: Answer {i}\ndescription: Answers questions about {topic}.\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n  parameters:\n    max_tokens: {200 + i}\ninputs:\n  question:\n    type: string\n---\nsystem:\nYou are Contoso's {topic} assistant number {i}. Answer questions about {topic} from the customer's account.\n{Policy(i)}\n\nuser:\n{{{{question}}}}\n"),
                1 => ($"Prompts/summarize{i:D3}.prompt.yml", $"name: Summarize {i}\ndescription: Summarizes a {topic} thread.\nmodel: openai/gpt-4o-mini\nmodelParameters:\n  temperature: 0.2\n  maxTokens: {150 + i}\nmessages:\n  - role: system\n    content: |\n      You summarize {topic} threads for the agent who takes over (team {i}).\n{string.Join("\n", Policy(i).Split('\n').Select(l => "      " + l))}\n  - role: user\n    content: |\n      Thread:\n      {{{{thread}}}}\n"),
                2 => ($"Prompts/escalate{i:D3}.yaml", $"name: Escalate{i}\ndescription: Writes the hand-over note for {topic}.\ntemplate_format: semantic-kernel\ntemplate: |\n  You write escalation notes about {topic} for second-line engineers (queue {i}).\n{string.Join("\n", Policy(i).Split('\n').Select(l => "  " + l))}\n  Ticket {{{{$ticketNumber}}}}: {{{{$summary}}}}\ninput_variables:\n  - name: ticketNumber\n  - name: summary\nexecution_settings:\n  default:\n    max_tokens: {300 + i}\n"),
                3 => ($"Prompts/reply{i:D3}.md", $"# Reply {i}\n\nYou draft replies about {topic} for Contoso's support team.\n\n## Rules\n\n{Policy(i)}\n\n## Ticket\n\n{{{{ticket}}}}\n"),
                4 => ($"Prompts/classify{i:D3}.txt", $"Classify the following {topic} ticket as billing, shipping, outage or how-to (classifier {i}).\n{Policy(i)}\nReply with the category only.\n\nTicket: {{ticket}}\n"),
                _ => ($"Tools/tools{i:D3}.tools.json", $$$"""{"tools":[{"name":"lookup_{{{topic}}}_{{{i}}}","description":"Looks up {{{topic}}} records by number and returns their status.","inputSchema":{"type":"object","properties":{"number":{"type":"string","description":"The {{{topic}}} number, e.g. 10023."},"verbose":{"type":"boolean"}},"required":["number"]}},{"name":"update_{{{topic}}}_{{{i}}}","description":"Updates the status of a {{{topic}}} record.","inputSchema":{"type":"object","properties":{"number":{"type":"string"},"status":{"type":"string","enum":["open","pending","closed"]}},"required":["number","status"]}}]}""" + "\n"),
            };
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        WriteProject(directory, "PromptFiles", promptLintVersion, string.Empty);
    }

    private static void WriteProject(string directory, string name, string? promptLintVersion, string packages)
    {
        var reference = promptLintVersion is null ? string.Empty : $"<PackageReference Include=\"PromptLint\" Version=\"{promptLintVersion}\" PrivateAssets=\"all\" />";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                {{packages}}
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

    /// <summary>The options an editor session has: no measurement diagnostics, the C# front end on, the 50 prompt files.</summary>
    public static AnalyzerOptions EditorOptions(ImmutableArray<AdditionalText>? files = null) => new(
        files ?? PromptFiles(),
        new OptionsProvider(new Dictionary<string, string> { ["build_property.PromptLintAnalyzeCode"] = "true" }));

    /// <summary>The prompt files with one of them edited (a sentence appended to its system message).</summary>
    public static ImmutableArray<AdditionalText> PromptFilesWithOneEdited(int edit)
    {
        var files = PromptFiles();
        var first = files[0];
        var text = first.GetText()!.ToString().Replace("briefly and politely.", "briefly and politely. Edit " + edit + ".");
        return files.SetItem(0, new InMemoryFile(first.Path, text));
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
