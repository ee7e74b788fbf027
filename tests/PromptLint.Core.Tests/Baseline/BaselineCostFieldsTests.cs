
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Core.Tests.Baseline;

// Issue 31: an entry records what a call costs (model, output cap) so a model swap or a cap raise is seen; a baseline
// written before (no model, no cap) still loads and is rewritten in the new form by the next accepted update.
public class BaselineCostFieldsTests
{
    private const string FirstFormat =
        "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n" +
        "    {\"id\":\"Prompts/triage.prompty\",\"tokenizer\":\"o200k_base\",\"staticTokens\":38,\"staticPrefixTokens\":38,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:22aa\"}\n" +
        "  ]\n}\n";

    [Fact]
    public void CappedEntry_WritesModelBeforeCountsAndCapAfterThem()
    {
        var text = BaselineSerializer.Write(new[] { new BaselineEntry("support.triage", "o200k_base", "gpt-4o-mini", 256, 812, 800, 120, "sha256:ab") });

        Assert.Contains(
            "{\"id\":\"support.triage\",\"tokenizer\":\"o200k_base\",\"model\":\"gpt-4o-mini\",\"staticTokens\":812,\"staticPrefixTokens\":800,\"toolSchemaTokens\":120,\"outputCap\":256,\"contentHash\":\"sha256:ab\"}",
            text);
    }

    [Fact]
    public void UncappedEntry_WritesOutputCapNull()
    {
        var text = BaselineSerializer.Write(new[] { new BaselineEntry("a", "o200k_base", "gpt-4o", null, 10, 10, 0, "h") });

        Assert.Contains("\"outputCap\":null", text);
        var entry = BaselineSerializer.Parse(text).Entries["a"];
        Assert.True(entry.RecordsCost);
        Assert.Equal("gpt-4o", entry.Model);
        Assert.Null(entry.OutputCap);
    }

    [Fact]
    public void CostFields_RoundTripByteIdentical()
    {
        var text = BaselineSerializer.Write(new[]
        {
            new BaselineEntry("b", "o200k_base", "gpt-4o", 16384, 10, 10, 0, "h"),
            new BaselineEntry("a", "cl100k_base", "gpt-4", null, 7, 0, 3, "h2"),
        });
        var document = BaselineSerializer.Parse(text);

        Assert.Empty(document.Problems);
        Assert.Equal(16384, document.Entries["b"].OutputCap);
        Assert.Equal(text, BaselineSerializer.Write(document.Entries.Values));
    }

    [Fact]
    public void FirstFormatBaseline_LoadsWithoutCostFields_AndRewritesUnchanged()
    {
        var document = BaselineSerializer.Parse(FirstFormat);

        Assert.Empty(document.Problems);
        var entry = document.Entries["Prompts/triage.prompty"];
        Assert.False(entry.RecordsCost);
        Assert.Null(entry.Model);
        Assert.Equal(FirstFormat, BaselineSerializer.Write(document.Entries.Values));
    }

    [Fact]
    public void FirstFormatBaseline_AcceptedUpdate_WritesModelAndCap()
    {
        var report = new FootprintReport { Project = "p" };
        report.Prompts.Add(new ReportPrompt { Id = "Prompts/triage.prompty", Model = "gpt-4o-mini", Tokenizer = "o200k_base", StaticTokens = 38, StaticPrefixTokens = 38, OutputCap = 400, ContentHash = "sha256:22aa" });

        var text = BaselineSerializer.Write(ReportBuilder.ToBaseline(report));

        Assert.Equal(FirstFormat.Replace("\"tokenizer\":\"o200k_base\",", "\"tokenizer\":\"o200k_base\",\"model\":\"gpt-4o-mini\",").Replace("\"toolSchemaTokens\":0,", "\"toolSchemaTokens\":0,\"outputCap\":400,"), text);
    }

    [Fact]
    public void ModelThatIsNotText_EntryStillLoadsWithoutCostFields()
    {
        var document = BaselineSerializer.Parse("{\"prompts\":[{\"id\":\"a\",\"tokenizer\":\"o200k_base\",\"model\":7,\"staticTokens\":3}]}");

        Assert.Empty(document.Problems);
        Assert.False(document.Entries["a"].RecordsCost);
    }

    [Fact]
    public void OverlongModel_IsAProblemWithItsLine()
    {
        var document = BaselineSerializer.Parse("{\"prompts\":[\n{\"id\":\"a\",\"model\":\"" + new string('m', 200) + "\",\"staticTokens\":3}]}");

        var problem = Assert.Single(document.Problems);
        Assert.Equal(2, problem.Line);
        Assert.False(problem.IsFatal);
        Assert.Contains("\"model\"", problem.Message);
    }
}
