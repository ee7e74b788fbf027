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

/// <summary>Regression (issue 30): an alias bomb was expanded and measured (100 MB of text, 11 s, 750 MB).</summary>
public class YamlAliasLimitTests
{
    private static string GitHubModels(int aliases, int anchorLength, bool flow = false)
    {
        var yaml = new StringBuilder("name: bomb\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 100\nanchor: &big \"").Append('x', anchorLength).Append("\"\nmessages:\n  - role: system\n    content: Be brief.\n");
        for (var i = 0; i < aliases; i++)
        {
            yaml.Append(flow ? "  - { role: user, content: *big }\n" : "  - role: user\n    content: *big\n");
        }

        return yaml.ToString();
    }

    private static PromptFileResult Read(string yaml, PromptFileKind kind = PromptFileKind.GitHubModels)
        => PromptFileReader.Read(new PromptFileInput("bomb.prompt.yml", "bomb.prompt.yml", yaml), kind);

    [Fact]
    public void TenThousandAliasesOfTenKilobytes_AreRefusedNamingTheLimit_NotMeasured()
    {
        var result = Read(GitHubModels(10_000, 10_000, flow: true));

        Assert.Empty(result.Templates);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("aliases expand it to more than 1,000,000 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("promptlint.max_prompt_file_chars", problem.Message, StringComparison.Ordinal);
        Assert.Equal(107, problem.Line); // the alias that crossed the limit: with the anchor's own 10,000, the 99th
    }

    [Fact]
    public void NestedAnchorsThatDoubleEachLevel_AreRefusedBeforeTheyAreExpanded()
    {
        var yaml = new StringBuilder("template: |\n  Hello\nlol0: &l0 \"").Append('x', 1000).Append("\"\n");
        for (var i = 1; i <= 30; i++)
        {
            yaml.Append("lol").Append(i).Append(": &l").Append(i).Append(" [*l").Append(i - 1).Append(", *l").Append(i - 1).Append("]\n");
        }

        var result = Read(yaml.ToString(), PromptFileKind.SemanticKernelYaml);

        Assert.Empty(result.Templates);
        Assert.Contains("aliases expand it to more than 1,000,000 characters", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManySmallAliases_AreRefusedByCount()
    {
        var result = Read(GitHubModels(YamlAliasBudget.MaxAliases + 1, 3));

        Assert.Empty(result.Templates);
        Assert.Contains("more than 1,000 aliases", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFewAliases_AreStillRead()
    {
        var result = Read(GitHubModels(3, 20));

        Assert.Empty(result.Problems);
        Assert.Equal(4, Assert.Single(result.Templates).Messages.Count);
    }
}
