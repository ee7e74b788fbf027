using System.Text;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>Regression (issue 30): files whose cost grew with what they expand to or repeat, not with their size.</summary>
[Collection(nameof(JsonPositionsPasses))]
public class HostileFileLimitsTests
{
    private static string ConfigWithBadCaps(int count)
    {
        var json = new StringBuilder("{\n  \"execution_settings\": {\n");
        for (var i = 0; i < count; i++)
        {
            json.Append("    \"s").Append(i).Append("\": { \"max_tokens\": \"lots\" }").Append(i + 1 < count ? ",\n" : "\n");
        }

        return json.Append("  }\n}\n").ToString();
    }

    private static PromptFileResult ReadSkPrompt(string config)
        => PromptFileReader.Read(
            new PromptFileInput("P/F/skprompt.txt", "P/F/skprompt.txt", "Summarize {{$input}} in three sentences.\n", name => name == "config.json" ? ("P/F/config.json", config) : null),
            PromptFileKind.SemanticKernelPrompt);

    [Fact]
    public void ConfigWithTenThousandBadCaps_ReportsTheFirstHundredAndCountsTheRest_FromOnePass()
    {
        var before = JsonPositions.Passes;

        var result = ReadSkPrompt(ConfigWithBadCaps(10_000));

        Assert.Equal(1, JsonPositions.Passes - before);
        Assert.Single(result.Templates);
        Assert.Equal(PromptFileProblemCap.MaxProblemsPerFile + 1, result.Problems.Count);
        Assert.Equal((3, 27), (result.Problems[0].Line, result.Problems[0].Column));
        Assert.Equal("'s0.max_tokens' at line 3 of config.json must be a positive whole number", result.Problems[0].Message);
        Assert.Equal((102, 28), (result.Problems[99].Line, result.Problems[99].Column));
        var rest = result.Problems[^1];
        Assert.Equal("P/F/config.json", rest.Path);
        Assert.Equal(103, rest.Line);
        Assert.StartsWith("9,900 more problems like the ones above, from line 103 on (PromptLint reports the first 100 of a file)", rest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigWithOneBadCap_KeepsItsExactPosition()
    {
        var result = ReadSkPrompt("{\n  \"completion\": {\n    \"max_tokens\": -5\n  },\n  \"execution_settings\": { \"default\": { \"max_tokens\": 0 } }\n}\n");

        Assert.Equal(new[] { (5, 54), (3, 19) }, result.Problems.Select(p => (p.Line, p.Column)).OrderByDescending(p => p.Item1).ToArray());
    }
}

[CollectionDefinition(nameof(JsonPositionsPasses), DisableParallelization = true)]
public sealed class JsonPositionsPasses
{
}
