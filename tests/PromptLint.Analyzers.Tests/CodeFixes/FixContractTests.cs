using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.CodeFixes;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>
/// The contract across the analyzer/code-fix boundary, one round trip per fix: the analyzer's diagnostic carries only
/// keys of <see cref="FixProperties"/> and <see cref="MeasurementProperties.Keys"/>, with values the fix understands; the
/// fix offers its action from those properties alone; and with a property it needs missing or spoilt it offers
/// nothing and does not throw (a diagnostic from another PromptLint version must never break the IDE's light bulb).
/// </summary>
public sealed class FixContractTests
{
    private static readonly string Policy = string.Concat(Enumerable.Range(1, 80).Select(i => $"Rule {i}: follow the refund policy exactly and cite the section of every rule you apply. "));

    private static readonly HashSet<string> KnownKeys = typeof(FixProperties).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Concat(typeof(MeasurementProperties.Keys).GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet();

    [Fact]
    public Task PL0003_AddOutputCapFix_InCSharp_RoundTrips()
        => CSharpRoundTrip(
            new AddOutputCapFix(),
            "PL0003",
            "    public Task Ask(string q) => client.GetResponseAsync(q);",
            required: new[] { FixProperties.CapFix, FixProperties.CapProperty },
            check: p =>
            {
                Assert.Contains(p[FixProperties.CapFix], new[] { FixProperties.CapFixKinds.AddArgument, FixProperties.CapFixKinds.AddToInitializer });
                Assert.Equal("MaxOutputTokens", p[FixProperties.CapProperty]);
                Assert.Equal("1024", p[FixProperties.DefaultMaxOutputTokens]);
            });

    [Fact]
    public Task PL0003_AddOutputCapFix_InAPromptFile_RoundTrips()
        => PromptFileRoundTrip(
            new AddOutputCapFix(),
            "PL0003",
            "triage.prompty",
            "---\nname: Triage\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\nsystem:\nClassify the ticket.\n\nuser:\n{{ticket}}\n",
            required: new[] { FixProperties.CapFix, FixProperties.PromptFileKind },
            check: p =>
            {
                Assert.Equal(FixProperties.CapFixKinds.PromptFile, p[FixProperties.CapFix]);
                Assert.Equal("Prompty", p[FixProperties.PromptFileKind]);
            });

    [Fact]
    public Task PL0004_MoveStaticTextFirstFix_RoundTrips()
        => CSharpRoundTrip(
            new MoveStaticTextFirstFix(),
            "PL0004",
            $$"""
                private const string Policy = "{{Policy}}";
                public Task Ask(string q) => client.GetResponseAsync([new ChatMessage(ChatRole.System, $"Current time: {System.DateTime.UtcNow:O}. " + Policy), new ChatMessage(ChatRole.User, q)], new ChatOptions { MaxOutputTokens = 500 });
            """,
            required: new[] { FixProperties.CacheFix },
            check: p => Assert.Equal(FixProperties.CacheFixKinds.SwapConcatenation, p[FixProperties.CacheFix]));

    [Fact]
    public Task PL0010_ReplaceCostlyCharactersFix_RoundTrips()
        => CSharpRoundTrip(
            new ReplaceCostlyCharactersFix(),
            "PL0010",
            CSharpFixTest.Send("Ask", "\"You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026\""),
            required: new[] { FixProperties.CostlyCharacters },
            check: p =>
            {
                Assert.Equal("6", p[FixProperties.CostlyCharacters]);
                Assert.Equal("o200k_base", p[FixProperties.Encoding]);
            });

    [Fact]
    public Task PL0011_TidyPromptLiteralFix_RoundTrips()
        => CSharpRoundTrip(
            new TidyPromptLiteralFix(),
            "PL0011",
            CSharpFixTest.Send("Ask", "\"Answer billing questions.   \\n\\n\\n\\n\\nBe brief.\\t\\t\\nCite the policy.\""),
            required: new[] { FixProperties.TokensSaved, FixProperties.Encoding },
            check: p =>
            {
                Assert.True(int.Parse(p[FixProperties.TokensSaved]!) >= 2);
                Assert.Equal("o200k_base", p[FixProperties.Encoding]);
            });

    [Fact]
    public Task PL0011_TidyPromptFileFix_RoundTrips()
        => PromptFileRoundTrip(
            new TidyPromptFileFix(),
            "PL0011",
            "billing.md",
            "Answer billing questions.   \n\n\n\n\nBe brief.\t\t\nCite the policy.\n",
            required: Array.Empty<string>(), // without its kind the fix reads the kind from the file name, as the analyzer did
            check: p => Assert.Equal("Text", p[FixProperties.PromptFileKind]));

    private static async Task CSharpRoundTrip(CodeFixProvider provider, string id, string members, string[] required, Action<ImmutableDictionary<string, string?>> check)
    {
        var (document, diagnostic) = await AnalyzeAsync(CSharpFixTest.Wrap(members), id);
        Contract(diagnostic, check);
        Assert.NotEmpty(await ActionsAsync(provider, document, diagnostic));

        foreach (var key in required)
        {
            Assert.Empty(await ActionsAsync(provider, document, PromptFileFixHarness.WithProperties(diagnostic, diagnostic.Properties.Remove(key))));
            Assert.Empty(await ActionsAsync(provider, document, PromptFileFixHarness.WithProperties(diagnostic, diagnostic.Properties.SetItem(key, "not-a-value"))));
        }
    }

    private static async Task PromptFileRoundTrip(CodeFixProvider provider, string id, string fileName, string text, string[] required, Action<ImmutableDictionary<string, string?>> check)
    {
        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(provider, id, fileName, text);
        Contract(diagnostic, check);
        Assert.NotEmpty(fixes);

        foreach (var key in required)
        {
            Assert.Empty((await PromptFileFixHarness.FixesAsync(provider, id, fileName, text, properties: p => p.Remove(key))).Fixes);
            Assert.Empty((await PromptFileFixHarness.FixesAsync(provider, id, fileName, text, properties: p => p.SetItem(key, "not-a-value"))).Fixes);
        }
    }

    private static void Contract(Diagnostic diagnostic, Action<ImmutableDictionary<string, string?>> check)
    {
        Assert.All(diagnostic.Properties.Keys, key => Assert.Contains(key, KnownKeys));
        check(diagnostic.Properties);
    }

    private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> AnalyzeAsync(string source, string id)
    {
        var workspace = new AdhocWorkspace();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll").Select(p => MetadataReference.CreateFromFile(p)));
        var document = workspace.AddProject("P", LanguageNames.CSharp)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddMetadataReferences(references)
            .AddDocument("Support.cs", SourceText.From(source), filePath: "/proj/Support.cs");
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return (document, Assert.Single(diagnostics, d => d.Id == id));
    }
}
