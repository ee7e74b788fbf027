using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0011 on Markdown tables: alignment padding goes, compact tables and tables in code stay as written.</summary>
public class MarkdownTablePaddingTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Padded = """
        Plans you may offer:

        | Plan           | Seats      | Monthly price   |
        |:---------------|-----------:|:---------------:|
        | Basic          | 5          | 10 USD          |
        | Team           | 25         | 45 USD          |
        | Business       | 100        | 160 USD         |

        Never offer a discount.
        """;

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0011", null, PromptSegment.Static(text));

    [Fact]
    public void PaddedTable_IsUnpadded_AndTheSavingIsTheRulesMessage()
    {
        var collapsed = WhitespaceBloat.Collapse(Padded);
        Assert.Equal("""
            Plans you may offer:

            | Plan | Seats | Monthly price |
            |:---|---:|:---:|
            | Basic | 5 | 10 USD |
            | Team | 25 | 45 USD |
            | Business | 100 | 160 USD |

            Never offer a discount.
            """, collapsed);

        var finding = Assert.Single(Evaluate(Padded));

        var saved = O200k.CountTokens(Padded) - O200k.CountTokens(collapsed);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 5 padded Markdown table rows in its static text, which cost {saved} tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Delete trailing whitespace and table padding, and keep at most one blank line between paragraphs.",
            finding.Message);
    }

    [Fact]
    public void LinesOfSpacesAloneBeforeATable_AreCounted_AndTheDiagnosticStandsOnTheFirst()
    {
        // Blank lines written as one space each (an editor's habit), then a padded table further down: the rewrite
        // empties the space-only lines too, so the message names them and the location is the first change.
        var text = "# Auditor\n \nYou review the repository.\n \n" + Padded;
        var finding = Assert.Single(Evaluate(text));

        Assert.Contains("2 lines ending in spaces or tabs and 5 padded Markdown table rows", finding.Message, StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("\n \n", StringComparison.Ordinal) + 1, finding.Evidence!.Value.Start);
    }

    [Theory]
    [InlineData("| Plan | Seats |\n|---|---|\n| Basic | 5 |\n| Team | 25 |\n")] // already compact
    [InlineData("|Plan|Seats|\n|-|-|\n|Basic|5|\n")] // compact without spaces: never padded out
    [InlineData("```\n| Plan           | Seats      |\n|----------------|------------|\n| Basic          | 5          |\n```\n")] // code
    [InlineData("| not a table    |\n| still not      |\n")] // two rows, no separator: runs that end in one column are aligned
    [InlineData("Columns:  name   seats   price\nValues:   Ada    5       12\n")] // aligned prose (runs of spaces in unaligned prose are judged since issue 15: SpacesBetweenWordsTests)
    public void CompactTablesCodeAndAlignedProse_StaySilent(string text)
    {
        Assert.Empty(Evaluate(text));
        Assert.Equal(text, WhitespaceBloat.Collapse(text));
    }

    [Fact]
    public void EscapedPipesInARow_KeepTheRowAsWritten()
    {
        const string text = "| Pattern      | Meaning        |\n|--------------|----------------|\n| a \\| b       | a or b         |\n";

        Assert.Contains("| a \\| b       | a or b         |", WhitespaceBloat.Collapse(text));
    }
}
