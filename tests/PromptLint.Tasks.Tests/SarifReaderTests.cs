using PromptLint.Tasks;

namespace PromptLint.Tasks.Tests;

public class SarifReaderTests
{
    private const string Log = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "results": [
                {
                  "ruleId": "PL9000",
                  "level": "note",
                  "message": { "text": "Prompt 'a.prompty' sends 24 static tokens" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///proj/a.prompty" }, "region": { "startLine": 11 } } } ],
                  "properties": {
                    "warningLevel": 1,
                    "customProperties": {
                      "promptId": "a.prompty", "file": "a.prompty", "line": "11", "role": "system", "model": "gpt-4o-mini",
                      "tokenizer": "o200k_base", "exact": "true", "staticTokens": "24", "staticPrefixTokens": "20", "holes": "1",
                      "toolSchemaTokens": "0", "outputCap": "400", "baselineStaticTokens": "22", "delta": "2", "contentHash": "sha256:ab"
                    }
                  }
                },
                {
                  "ruleId": "PL0001",
                  "level": "error",
                  "message": { "text": "Prompt 'a.prompty' grew" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///proj/sub%20dir/a.prompty" }, "region": { "startLine": 11, "startColumn": 1 } } } ]
                },
                {
                  "ruleId": "PL0002",
                  "level": "warning",
                  "message": { "text": "suppressed one" },
                  "suppressions": [ { "kind": "inSource" } ]
                },
                { "ruleId": "CS0168", "level": "warning", "message": { "text": "not ours" } },
                { "ruleId": "PL0102", "level": "warning", "message": { "text": "Model 'x' is not known" } },
                { "ruleId": "PL9000", "level": "note", "message": { "text": "no properties" } },
                { "ruleId": "PL9000", "level": "note", "message": { "text": "suppressed record" }, "suppressions": [ { "kind": "inSource" } ],
                  "properties": { "customProperties": { "promptId": "b.txt", "staticTokens": "3" } } }
              ]
            }
          ]
        }
        """;

    private static string Relative(string path) => path.Replace('\\', '/').Replace("/proj/", string.Empty);

    [Fact]
    public void Measurements_AreReadFromCustomProperties_EvenWhenSuppressed()
    {
        var contents = SarifReader.Read(Log, Relative);

        Assert.Equal(new[] { "a.prompty", "b.txt" }, contents.Prompts.Select(p => p.Id));
        var prompt = contents.Prompts[0];
        Assert.Equal("a.prompty", prompt.Id);
        Assert.Equal(11, prompt.Line);
        Assert.Equal(24, prompt.StaticTokens);
        Assert.Equal(20, prompt.StaticPrefixTokens);
        Assert.Equal(400, prompt.OutputCap);
        Assert.Equal(22, prompt.BaselineStaticTokens);
        Assert.Equal(2, prompt.Delta);
        Assert.True(prompt.Exact);
        Assert.Equal("sha256:ab", prompt.ContentHash);
    }

    [Fact]
    public void OtherPromptLintResults_BecomeReportDiagnostics_SuppressedAndForeignOnesDoNot()
    {
        var contents = SarifReader.Read(Log, Relative);

        Assert.Equal(new[] { "PL0001", "PL0102" }, contents.Diagnostics.Select(d => d.Id));
        var regression = contents.Diagnostics[0];
        Assert.Equal("error", regression.Severity);
        Assert.Equal("sub dir/a.prompty", regression.File);
        Assert.Equal(11, regression.Line);
        Assert.Equal(string.Empty, contents.Diagnostics[1].File);
        Assert.Equal(0, contents.Diagnostics[1].Line);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"version\":\"1.0.0\",\"runLogs\":[]}", "not SARIF 2.1.0")]
    [InlineData("[]", "not SARIF 2.1.0")]
    public void UnreadableLog_ThrowsInvalidDataWithAReadableMessage(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SarifReader.Read(json, Relative));
        Assert.Contains(expected, error.Message);
    }
}
