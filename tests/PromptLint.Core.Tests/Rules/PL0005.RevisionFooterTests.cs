using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, eighth held-out round: "*Last Updated: 2026-04-07*" as the last line of a skill file is the date of its last
/// edit: the same on every call, with nothing after it to cache. A revision footer is not a current date; the same
/// label above prompt text, and "Current date:" anywhere, are still reported.
/// </summary>
public sealed class RevisionFooterTests
{
    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0005", null, PromptSegment.Static(text));

    [Theory]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users.\n\n---\n\n*Last Updated: 2026-04-07*\n")]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users.\n\nLast modified: 2025-03-04\n\n---\n")]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users.\n_Last updated on 2025-03-04._")]
    public void RevisionDateAsTheLastLine_IsNotReported(string text)
    {
        Assert.Empty(Evaluate(text));
    }

    [Theory]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users.\n\n*Last Updated: 2026-04-07*\n\nSign every email with the team name.\n")]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users.\n\nCurrent date: 2026-04-07\n")]
    [InlineData("# Outreach\n\nWrite short follow-up emails to trial users. Last updated: 2026-04-07\n")]
    public void DateFollowedByPromptText_OrCalledCurrent_IsStillReported(string text)
    {
        Assert.Single(Evaluate(text));
    }
}
