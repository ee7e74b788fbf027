using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.CodeFixes;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>
/// PL0001 and PL0002 accepted in the committed baseline from the IDE: each fix changes exactly its entry, and after
/// all of them the file is byte for byte what a <c>PromptLintUpdateBaseline=true</c> build writes for the same prompts
/// (the task writes <c>ReportBuilder.ToBaseline</c> of the measurements; the test builds it from the same measurements,
/// read back from the opt-in PL9000 diagnostics). Re-analysed, the project has no PL0001 or PL0002 left.
/// </summary>
public sealed class AcceptInBaselineFixTests
{
    private const string BaselineName = "promptlint.baseline.json";
    private const string Grown = "You triage support tickets. Classify each ticket as billing, bug or question, and say why in one sentence. Quote the customer's words that decided it, and never guess a category you cannot support.";
    private const string Kept = "You summarize release notes in plain language.";
    private const string Added = "You write the escalation note for an on-call engineer.";
    private const string CSharp = """
        using System.ComponentModel;
        public static class Prompts
        {
            [PromptLint.Prompt] public const string Refunds = "You answer refund questions. Cite the refund policy section you apply.";
        }
        namespace PromptLint { [System.AttributeUsage(System.AttributeTargets.All)] internal sealed class PromptAttribute : System.Attribute { } }
        """;

    [Fact]
    public async Task EachFix_ChangesOnlyItsEntry()
    {
        var (files, original) = await ProjectAsync();

        var grown = await FixAsync(files, "PL0001", "triage.md");
        var added = await FixAsync(files, "PL0002", "escalation.md");
        var orphan = await FixAsync(files, "PL0002", BaselineName);

        Assert.Equal("Accept the new footprint of 'triage.md' in promptlint.baseline.json", grown.Title);
        Assert.Equal("Add 'escalation.md' to promptlint.baseline.json", added.Title);
        Assert.Equal("Remove 'gone.md' from promptlint.baseline.json", orphan.Title);
        Assert.Equal(Ids(original).Where(id => id != "gone.md").Append("escalation.md").Order(StringComparer.Ordinal), Ids(added.Baseline).Where(id => id != "gone.md").Order(StringComparer.Ordinal));
        Assert.Equal(Entries(original).Where(e => e.Id != "triage.md"), Entries(grown.Baseline).Where(e => e.Id != "triage.md"));
        Assert.DoesNotContain("gone.md", Ids(orphan.Baseline));
        Assert.Equal(Entries(original).Where(e => e.Id != "gone.md"), Entries(orphan.Baseline));
    }

    [Fact]
    public async Task FixAll_InTheProject_WritesWhatAnUpdateBuildWrites_AndLeavesNothingToReport()
    {
        var (files, _) = await ProjectAsync();
        var expected = await UpdateBuildBaselineAsync(files);

        var afterRegressions = await FixAllAsync(files, "PL0001");
        var after = await FixAllAsync(new Dictionary<string, string>(files) { [BaselineName] = afterRegressions }, "PL0002");

        Assert.Equal(expected, after);
        var (workspace, _, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(new Dictionary<string, string>(files) { [BaselineName] = after }, null, CSharp);
        using var _ = workspace;
        Assert.DoesNotContain(diagnostics, d => d.Id is "PL0001" or "PL0002");
    }

    [Fact]
    public async Task AFixInACSharpDocument_EditsTheBaseline()
    {
        var (files, original) = await ProjectAsync(withCSharpEntry: false);
        var (workspace, documents, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null, CSharp);
        using var _ = workspace;
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "PL0002" && d.Location.IsInSource);

        var (title, baseline) = await ApplyAsync(documents["C.cs"], documents[BaselineName], diagnostic);

        Assert.Equal("Add 'Prompts.Refunds' to promptlint.baseline.json", title);
        Assert.Equal(Ids(original).Append("Prompts.Refunds").Order(StringComparer.Ordinal), Ids(baseline).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABaselineWithAProblem_IsNotRewritten()
    {
        var (files, original) = await ProjectAsync();
        files[BaselineName] = original.Replace("\n  ]", ",\n    {\"id\":\"broken\",\"tokenizer\":\"o200k_base\",\"staticTokens\":\"many\"}\n  ]", StringComparison.Ordinal);
        var (workspace, documents, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null, CSharp);
        using var _ = workspace;
        Assert.Contains(diagnostics, d => d.Id == "PL0100");
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "PL0002" && d.Location.GetLineSpan().Path.EndsWith("escalation.md", StringComparison.Ordinal));

        var actions = new List<CodeAction>();
        await new AcceptInBaselineFix().RegisterCodeFixesAsync(new CodeFixContext(documents["escalation.md"], diagnostic, (a, _) => actions.Add(a), CancellationToken.None));

        Assert.Empty(actions);
    }

    [Fact]
    public async Task Contract_TheFixReadsOnlyKnownProperties_AndOffersNothingWhenOneIsMissingOrSpoilt()
    {
        var (files, _) = await ProjectAsync();
        var (workspace, documents, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null, CSharp);
        using var _ = workspace;
        var added = Assert.Single(diagnostics, d => d.Id == "PL0002" && d.Location.GetLineSpan().Path.EndsWith("escalation.md", StringComparison.Ordinal));
        Assert.Equal(FixProperties.BaselineFixKinds.Add, added.Properties[FixProperties.BaselineFix]);
        Assert.Equal("/proj/" + BaselineName, added.Properties[FixProperties.BaselinePath]);

        string[] required = { FixProperties.BaselineFix, FixProperties.BaselinePath, MeasurementProperties.Keys.PromptId, MeasurementProperties.Keys.Tokenizer, MeasurementProperties.Keys.StaticTokens, MeasurementProperties.Keys.StaticPrefixTokens, MeasurementProperties.Keys.ToolSchemaTokens, MeasurementProperties.Keys.ContentHash };
        string[] spoilable = { FixProperties.BaselineFix, FixProperties.BaselinePath, MeasurementProperties.Keys.StaticTokens, MeasurementProperties.Keys.StaticPrefixTokens, MeasurementProperties.Keys.ToolSchemaTokens };
        foreach (var key in required)
        {
            Assert.Empty(await ActionsAsync(documents["escalation.md"], PromptFileFixHarness.WithProperties(added, added.Properties.Remove(key))));
        }

        foreach (var key in spoilable)
        {
            Assert.Empty(await ActionsAsync(documents["escalation.md"], PromptFileFixHarness.WithProperties(added, added.Properties.SetItem(key, "not-a-value"))));
        }

        Assert.Single(await ActionsAsync(documents["escalation.md"], added));
    }

    private static async Task<List<CodeAction>> ActionsAsync(TextDocument document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await new AcceptInBaselineFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    // A project whose baseline has: triage.md smaller than now (PL0001), notes.md as it is, gone.md without a file (PL0002 orphan),
    // no escalation.md (PL0002 new), and the C# [Prompt] as it is (or missing).
    private static async Task<(Dictionary<string, string> Files, string Baseline)> ProjectAsync(bool withCSharpEntry = true)
    {
        var files = new Dictionary<string, string> { ["triage.md"] = Grown, ["notes.md"] = Kept, ["escalation.md"] = Added };
        var measured = await MeasureAsync(files);
        var entries = measured.Where(e => e.Id != "escalation.md" && (withCSharpEntry || e.Id != "Prompts.Refunds"))
            .Select(e => e.Id == "triage.md" ? new BaselineEntry(e.Id, e.Tokenizer, e.StaticTokens / 2, e.StaticPrefixTokens / 2, 0, "sha256:00") : e)
            .Append(new BaselineEntry("gone.md", "o200k_base", 12, 12, 0, "sha256:11"));
        var baseline = BaselineSerializer.Write(entries);
        files[BaselineName] = baseline;
        return (files, baseline);
    }

    // What the MSBuild task writes in an update build: the report's prompts (one per id, the largest) as baseline entries.
    private static async Task<string> UpdateBuildBaselineAsync(Dictionary<string, string> files)
        => BaselineSerializer.Write(ReportBuilder.ToBaseline(ReportBuilder.Build("P", (await MeasuredPromptsAsync(files)), Array.Empty<PromptLint.Contracts.Reporting.ReportDiagnostic>())));

    private static async Task<IReadOnlyList<BaselineEntry>> MeasureAsync(Dictionary<string, string> files)
        => ReportBuilder.ToBaseline(ReportBuilder.Build("P", await MeasuredPromptsAsync(files), Array.Empty<PromptLint.Contracts.Reporting.ReportDiagnostic>())).ToList();

    private static async Task<IReadOnlyList<ReportPrompt>> MeasuredPromptsAsync(Dictionary<string, string> files)
    {
        var prompts = files.Where(f => f.Key != BaselineName).ToDictionary(f => f.Key, f => f.Value);
        var (workspace, _, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(prompts, null, CSharp, new() { ["build_property.PromptLintEmitMeasurements"] = "true" });
        using var _ = workspace;
        return diagnostics.Where(d => d.Id == "PL9000").Select(d => MeasurementProperties.Read(d.Properties.ToDictionary(p => p.Key, p => p.Value ?? string.Empty))!).ToList();
    }

    private static async Task<(string Title, string Baseline)> FixAsync(Dictionary<string, string> files, string id, string fileName)
    {
        var (workspace, documents, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null, CSharp);
        using var _ = workspace;
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id && d.Location.GetLineSpan().Path.EndsWith("/" + fileName, StringComparison.Ordinal));
        return await ApplyAsync(documents[fileName], documents[BaselineName], diagnostic);
    }

    private static async Task<(string Title, string Baseline)> ApplyAsync(TextDocument document, TextDocument baseline, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await new AcceptInBaselineFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        var action = Assert.Single(actions);
        var solution = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;
        return (action.Title, (await solution.GetAdditionalDocument(baseline.Id)!.GetTextAsync()).ToString());
    }

    private static async Task<string> FixAllAsync(Dictionary<string, string> files, string id)
        => (await PromptFileFixHarness.FixAllWithCSharpAsync(new AcceptInBaselineFix(), id, files, CSharp))[BaselineName];

    private static IEnumerable<string> Ids(string baseline) => BaselineSerializer.Parse(baseline).Entries.Keys;

    private static IEnumerable<(string Id, string Tokenizer, int Static, int Prefix, int Tools, string Hash)> Entries(string baseline)
        => BaselineSerializer.Parse(baseline).Entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => (e.Id, e.Tokenizer, e.StaticTokens, e.StaticPrefixTokens, e.ToolSchemaTokens, e.ContentHash));
}
