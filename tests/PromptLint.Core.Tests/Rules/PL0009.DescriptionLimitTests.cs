using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// PL0009's long-description check at its default limit (issue 29, held-out round on agent tool lists): the usage
/// guidance of a coding agent's tools runs to 200-300 tokens and is what the providers ask for, so it is not reported;
/// a description past twice the old 200-token limit still is, and a team that wants the old limit sets it.
/// Descriptions written for the test.
/// </summary>
public sealed class DescriptionLimitTests
{
    private static readonly SourceLocation At = new("agent.tools.json", 1, 1);

    // One sentence of usage guidance, about 25 tokens; a description of n of them is about 25n tokens.
    private const string Guidance = "Use this tool to replace one exact block of text in a file; read the file first, and keep the indentation as it is. ";

    private static PromptTemplate OneTool(string description)
        => new("agent.tools.json", At, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[]
        {
            new ToolDefinition("replace_in_file", "{\"type\":\"function\",\"function\":{\"name\":\"replace_in_file\",\"description\":\"" + description + "\",\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"old\":{\"type\":\"string\"},\"new\":{\"type\":\"string\"}},\"required\":[\"path\",\"old\",\"new\"]}}}", At),
        });

    private static string Description(int sentences) => string.Concat(Enumerable.Repeat(Guidance, sentences)).TrimEnd();

    private static int Tokens(string text) => StaticTextRule.O200k.CountTokens(text);

    [Fact]
    public void UsageGuidanceJustOverTheOldLimit_IsNotReportedByDefault()
    {
        var description = Description(10);
        Assert.InRange(Tokens(description), 201, 399);

        Assert.DoesNotContain(Evaluate(OneTool(description)), f => f.RuleId == "PL0009");
    }

    [Fact]
    public void DescriptionPastTwiceTheOldLimit_IsReportedByDefault()
    {
        var description = Description(20);
        Assert.True(Tokens(description) > 400, "the description must be over the default limit");

        var finding = Assert.Single(Evaluate(OneTool(description)), f => f.RuleId == "PL0009");
        Assert.Contains("description, over the 400 a tool description needs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptionOverALimitTheTeamSet_IsReported()
    {
        var description = Description(10);

        var finding = Assert.Single(Evaluate(OneTool(description), new RuleSettings { { ToolSchemaFootprintRule.ToolDescriptionMaxTokens, 200 } }), f => f.RuleId == "PL0009");
        Assert.Contains("over the 200 a tool description needs", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultLimit_IsTheOneTheDocsAndSettingsTableState()
    {
        Assert.Equal(400, ToolSchemaFootprintRule.DefaultDescriptionMaxTokens);
        Assert.Equal(400, new RuleSettings().Get(ToolSchemaFootprintRule.ToolDescriptionMaxTokens));
    }
}
