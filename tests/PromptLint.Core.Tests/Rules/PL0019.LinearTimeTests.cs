using System.Text;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Regression (issue 30): PL0019 compared every instruction with every later one, 16.7 s for a prompt of 2,000
/// "Always …"/"Never …" pairs and over a minute for 10,000. The facts asserted are counts, not times.
/// </summary>
public class DeadInstructionsLinearTimeTests
{
    private static (IReadOnlyList<RuleFinding> Findings, int Comparisons) Evaluate(string text)
    {
        var comparisons = -1;
        DeadInstructions.ComparisonsMade.Value = n => comparisons = n;
        try
        {
            return (StaticTextRule.Findings("PL0019", null, PromptSegment.Static(text)), comparisons);
        }
        finally
        {
            DeadInstructions.ComparisonsMade.Value = null;
        }
    }

    private static string Pairs(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("Always use the tool number ").Append(i).Append(" for reports about item ").Append(i).Append(".\n");
        }

        for (var i = 0; i < count; i++)
        {
            text.Append("Never use the tool number ").Append(i).Append(" for reports about item ").Append(i).Append(".\n");
        }

        return text.ToString();
    }

    [Fact]
    public void TwoThousandContradictedPairs_AreAllFound_WithOneComparisonEach()
    {
        var (findings, comparisons) = Evaluate(Pairs(2000));

        var finding = Assert.Single(findings);
        Assert.Contains("and 1,999 more instructions are contradicted later", finding.Message, StringComparison.Ordinal);
        Assert.Equal(2000, comparisons);
    }

    [Fact]
    public void ComparisonsGrowLinearly_WhenThePromptDoubles()
    {
        var (_, small) = Evaluate(Pairs(1000));
        var (_, large) = Evaluate(Pairs(2000));

        Assert.Equal(2 * small, large);
    }

    [Fact]
    public void TenThousandIdenticalAmountInstructions_AreSkippedByRun_AndALaterOtherAmountIsStillFound()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("Keep the summary under 200 words.\n");
        }

        text.Append("Keep the summary under 150 words.\n");
        var (findings, comparisons) = Evaluate(text.ToString());

        var finding = Assert.Single(findings);
        Assert.Contains("and 9,999 more instructions are contradicted later", finding.Message, StringComparison.Ordinal);
        Assert.True(comparisons <= 20_001, $"{comparisons} comparisons for 10,001 instructions");
    }

    [Fact]
    public void InstructionsThatShareNoAction_AreNeverCompared()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append("Never mention competitor ").Append(i).Append(" by name.\n");
        }

        var (findings, comparisons) = Evaluate(text.ToString());

        Assert.Empty(findings);
        Assert.Equal(0, comparisons);
    }
}

/// <summary>Regression (issue 30, found by the fuzzer's bytes family): the amount expression backtracked over long digit runs.</summary>
public class DeadInstructionsDigitRunTests
{
    // Generous: the old expression needs about 10^10 steps here (minutes); the new one a few hundred thousand.
    [Fact(Timeout = 120_000)]
    public async Task InstructionWithAHundredThousandDigitRun_IsParsedOnce_AndStillCompared()
    {
        var digits = new string('0', 100_000);
        var text = $"Keep the summary under 200 words.\nReturn item {digits}x now.\nKeep the summary under 150 words.\n";

        var findings = await Task.Run(() => StaticTextRule.Findings("PL0019", null, PromptSegment.Static(text)));

        Assert.Contains("\"Keep the summary under 200 words\" and later \"Keep the summary under 150 words\"", Assert.Single(findings).Message, StringComparison.Ordinal);
    }
}
