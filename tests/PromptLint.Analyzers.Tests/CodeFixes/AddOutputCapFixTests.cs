using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.CodeFixes;

namespace PromptLint.Analyzers.Tests.CodeFixes;

public class AddOutputCapFixTests
{
    private static CSharpCodeFixTest<PromptFootprintAnalyzer, AddOutputCapFix, DefaultVerifier> Test(string source, string fixedSource, string? defaultCap = null)
    {
        var test = new CSharpCodeFixTest<PromptFootprintAnalyzer, AddOutputCapFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var prefixes = new[] { "Microsoft.Extensions.AI", "OpenAI", "System.ClientModel", "System.Memory.Data", "Microsoft.Bcl.AsyncInterfaces" };
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => prefixes.Any(prefix => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal))))
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        if (defaultCap is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\npromptlint.default_max_output_tokens = {defaultCap}\n"));
        }

        return test;
    }

    [Fact]
    public async Task OptionsInitializerWithoutCap_GetsTheCapAdded()
    {
        await Test("""
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, {|PL0003:new ChatCompletionOptions { Temperature = 0.2f }|});
            }
            """, """
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 });
            }
            """).RunAsync();
    }

    [Fact]
    public async Task EmptyOptions_GetAnInitializer()
    {
        await Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q)
                {
                    var options = {|PL0003:new ChatOptions()|};
                    return client.GetResponseAsync(q, options);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q)
                {
                    var options = new ChatOptions() { MaxOutputTokens = 1024 };
                    return client.GetResponseAsync(q, options);
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task CallWithoutOptions_GetsNewOptionsWithTheConfiguredDefault()
    {
        await Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q) => {|PL0003:client.GetResponseAsync(q)|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q) => client.GetResponseAsync(q, options: new ChatOptions { MaxOutputTokens = 256 });
            }
            """, defaultCap: "256").RunAsync();
    }

    [Fact]
    public async Task FixAll_CapsEveryCallOfTheDocument()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task A(string q) => {|PL0003:client.GetResponseAsync(q)|};
                public Task B(string q) => {|PL0003:client.GetResponseAsync("Summarize: " + q)|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task A(string q) => client.GetResponseAsync(q, options: new ChatOptions { MaxOutputTokens = 1024 });
                public Task B(string q) => client.GetResponseAsync("Summarize: " + q, options: new ChatOptions { MaxOutputTokens = 1024 });
            }
            """);
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }
}

public class MoveStaticTextFirstFixTests
{
    private static readonly string Policy = string.Concat(Enumerable.Repeat("Follow the refund policy exactly and cite the section of every rule you apply. ", 80));

    [Fact]
    public async Task TimestampPlusConstantPolicy_PutsThePolicyFirst()
    {
        string Source(string system) => $$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                private const string Policy = "{{Policy}}";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, {{system}}), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<PromptFootprintAnalyzer, PromptLint.CodeFixes.MoveStaticTextFirstFix, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Source("{|PL0004:{|PL0005:$\"Current time: {DateTime.UtcNow:O}. \" + Policy|}|}"),
            FixedCode = Source("{|PL0005:Policy + \"\\n\" + $\"Current time: {DateTime.UtcNow:O}. \"|}"),
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll"))
        {
            test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(path));
        }

        // After the fix the policy is cacheable (no PL0004); the timestamp is still in the system message, which PL0005
        // keeps pointing out: its page says to move it into the user message.
        await test.RunAsync();
    }
}

/// <summary>
/// The PL0003 fix on a prompt file, driven through the workspace API the IDE uses for additional documents
/// (CodeFixContext over a TextDocument); the testing library applies fixes to source documents only.
/// </summary>
public class AddOutputCapToPromptFileTests
{
    [Fact]
    public async Task UncappedPrompty_GetsMaxTokensInItsFrontMatter_KeepingComments()
    {
        const string path = "/proj/triage.prompty";
        const string before = "---\nname: Triage # reviewed weekly\nmodel:\n  configuration:\n    name: gpt-4o-mini\n---\nsystem:\nClassify the ticket.\n";
        const string after = "---\nname: Triage # reviewed weekly\nmodel:\n  configuration:\n    name: gpt-4o-mini\n  parameters:\n    max_tokens: 300\n---\nsystem:\nClassify the ticket.\n";

        using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        var project = workspace.AddProject("P", Microsoft.CodeAnalysis.LanguageNames.CSharp)
            .AddMetadataReferences(Basic.Reference.Assemblies.Net100.References.All)
            .AddDocument("C.cs", "class C { }").Project;
        var prompt = project.AddAdditionalDocument("triage.prompty", before, filePath: path);
        var solution = prompt.Project.Solution;
        Assert.True(workspace.TryApplyChanges(solution));
        var document = workspace.CurrentSolution.GetProject(prompt.Project.Id)!.GetAdditionalDocument(prompt.Id)!;

        var options = new OptionsProvider(path);
        var additional = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.AdditionalText>(new Text(path, before));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions.WithAnalyzers(
                compilation,
                System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new PromptFootprintAnalyzer()),
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(additional, options))
            .GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "PL0003");

        var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
        var context = new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext((Microsoft.CodeAnalysis.TextDocument)document, diagnostic, (Microsoft.CodeAnalysis.CodeActions.CodeAction action, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> _) => actions.Add(action), CancellationToken.None);
        await new PromptLint.CodeFixes.AddOutputCapFix().RegisterCodeFixesAsync(context);

        var fix = Assert.Single(actions);
        Assert.Equal("Cap output at 300 tokens in the prompt file", fix.Title);
        var operation = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>());
        var fixedText = (await operation.ChangedSolution.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal(after, fixedText);
    }

    private sealed class Text(string path, string text) : Microsoft.CodeAnalysis.AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private sealed class OptionsProvider(string path) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(new()
        {
            ["build_property.PromptLintProjectDirectory"] = "/proj",
            ["promptlint.default_max_output_tokens"] = "300",
        });

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.SyntaxTree tree) => new Options(new());

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.AdditionalText textFile)
            => new Options(textFile.Path == path ? new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = "auto", ["promptlint.default_max_output_tokens"] = "300" } : new());

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
