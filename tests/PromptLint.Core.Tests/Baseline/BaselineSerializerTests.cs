
using PromptLint.Contracts.Baseline;

namespace PromptLint.Core.Tests.Baseline;

public class BaselineSerializerTests
{
    private static BaselineEntry Entry(string id, int tokens) => new(id, "o200k_base", tokens, tokens / 2, 0, "sha256:" + id.Length.ToString("x32"));

    [Fact]
    public void Write_SortsByIdOnePerLineWithLf()
    {
        var text = BaselineSerializer.Write(new[] { Entry("b.prompty", 10), Entry("a.txt", 20), Entry("B.txt", 5) });

        Assert.Equal(
            "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n" +
            "    {\"id\":\"B.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":5,\"staticPrefixTokens\":2,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:00000000000000000000000000000005\"},\n" +
            "    {\"id\":\"a.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":20,\"staticPrefixTokens\":10,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:00000000000000000000000000000005\"},\n" +
            "    {\"id\":\"b.prompty\",\"tokenizer\":\"o200k_base\",\"staticTokens\":10,\"staticPrefixTokens\":5,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:00000000000000000000000000000009\"}\n" +
            "  ]\n}\n",
            text);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public void WriteThenParse_RoundTripsWithLines()
    {
        var text = BaselineSerializer.Write(new[] { Entry("x/ü.prompty", 7), Entry("a.txt", 3) });
        var document = BaselineSerializer.Parse(text);

        Assert.Empty(document.Problems);
        Assert.True(document.IsUsable);
        Assert.Equal(4, document.Entries["a.txt"].Line);
        Assert.Equal(5, document.Entries["x/ü.prompty"].Line);
        Assert.Equal(7, document.Entries["x/ü.prompty"].StaticTokens);
        Assert.Equal(text, BaselineSerializer.Write(document.Entries.Values));
    }

    [Fact]
    public void EmptyList_WritesEmptyArray()
    {
        Assert.Equal("{\n  \"schemaVersion\": 1,\n  \"prompts\": []\n}\n", BaselineSerializer.Write(Array.Empty<BaselineEntry>()));
        Assert.True(BaselineSerializer.Parse(BaselineSerializer.Write(Array.Empty<BaselineEntry>())).IsUsable);
    }

    [Fact]
    public void MergeConflictMarkers_AreFatalAndNameTheLine()
    {
        var text = "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n<<<<<<< HEAD\n    {\"id\":\"a\",\"staticTokens\":1}\n=======\n    {\"id\":\"a\",\"staticTokens\":2}\n>>>>>>> feature\n  ]\n}\n";
        var document = BaselineSerializer.Parse(text);

        var problem = Assert.Single(document.Problems);
        Assert.True(problem.IsFatal);
        Assert.Equal(4, problem.Line);
        Assert.Contains("merge-conflict marker at line 4", problem.Message);
        Assert.False(document.IsUsable);
    }

    [Fact]
    public void InvalidJson_IsFatalWithLine()
    {
        var document = BaselineSerializer.Parse("{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n    {\"id\": \"a\" \"staticTokens\": 1}\n  ]\n}\n");

        var problem = Assert.Single(document.Problems);
        Assert.True(problem.IsFatal);
        Assert.Equal(4, problem.Line);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"schemaVersion\": 2, \"prompts\": []}", "unsupported schemaVersion")]
    [InlineData("{\"schemaVersion\": 1}", "no \"prompts\" array")]
    [InlineData("{\"schemaVersion\": 1, \"prompts\": {}}", "must be an array")]
    public void WrongShape_IsFatal(string text, string expected)
    {
        var document = BaselineSerializer.Parse(text);

        Assert.False(document.IsUsable);
        Assert.Contains(expected, Assert.Single(document.Problems).Message);
    }

    [Fact]
    public void BadEntry_IsReportedAtItsLineAndTheRestIsKept()
    {
        var text = "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n    {\"id\":\"a\",\"staticTokens\":\"many\"},\n    {\"id\":\"b\",\"staticTokens\":4},\n    {\"id\":\"b\",\"staticTokens\":5}\n  ]\n}\n";
        var document = BaselineSerializer.Parse(text);

        Assert.True(document.IsUsable);
        Assert.Equal(new[] { 4, 6 }, document.Problems.Select(p => p.Line));
        Assert.Equal(4, document.Entries["b"].StaticTokens);
        Assert.False(document.Entries.ContainsKey("a"));
    }

    [Fact]
    public void CrLfAndBom_AreRead()
    {
        var text = "\uFEFF" + BaselineSerializer.Write(new[] { Entry("a", 1) }).Replace("\n", "\r\n");

        var document = BaselineSerializer.Parse(text);

        Assert.True(document.IsUsable);
        Assert.Equal(4, document.Entries["a"].Line);
    }
}
