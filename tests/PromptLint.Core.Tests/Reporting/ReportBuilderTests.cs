
using PromptLint.Contracts.Reporting;

namespace PromptLint.Core.Tests.Reporting;

public class ReportBuilderTests
{
    private static ReportPrompt Prompt(string id, int tokens, string file = "a.cs", int line = 1)
        => new() { Id = id, StaticTokens = tokens, File = file, Line = line, Tokenizer = "o200k_base", ContentHash = "sha256:" + tokens };

    [Fact]
    public void SharedId_KeepsTheLargestWhateverTheOrder()
    {
        var forward = ReportBuilder.Build("p", new[] { Prompt("P.System", 10, "b.cs"), Prompt("P.System", 40, "c.cs"), Prompt("A", 1) }, Array.Empty<ReportDiagnostic>());
        var backward = ReportBuilder.Build("p", new[] { Prompt("A", 1), Prompt("P.System", 40, "c.cs"), Prompt("P.System", 10, "b.cs") }, Array.Empty<ReportDiagnostic>());

        Assert.Equal(new[] { "A", "P.System" }, forward.Prompts.Select(p => p.Id));
        Assert.Equal(40, forward.Prompts[1].StaticTokens);
        Assert.Equal(ReportJsonWriter.Write(forward), ReportJsonWriter.Write(backward));
    }

    [Fact]
    public void Diagnostics_AreSortedAndDeduplicated()
    {
        var d1 = new ReportDiagnostic { Id = "PL0002", Severity = "warning", File = "b.txt", Line = 1, Message = "m" };
        var d2 = new ReportDiagnostic { Id = "PL0001", Severity = "error", File = "a.txt", Line = 3, Message = "m" };
        var report = ReportBuilder.Build("p", Array.Empty<ReportPrompt>(), new[] { d1, d2, d1 });

        Assert.Equal(new[] { "PL0001", "PL0002" }, report.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Json_IsLfAndStable()
    {
        var report = ReportBuilder.Build("Demo", new[] { Prompt("x", 3) }, Array.Empty<ReportDiagnostic>());
        var json = ReportJsonWriter.Write(report);

        Assert.DoesNotContain('\r', json);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"project\": \"Demo\",\n  \"prompts\": [\n    {\n      \"id\": \"x\",", json);
        Assert.EndsWith("  \"diagnostics\": []\n}\n", json);
    }
}
