using System.Runtime.CompilerServices;
using System.Text;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Text;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Regression (issue 30): PL0015 took 4.7× its 100k-token time on 200k tokens of real agent prompts. Each unit was
/// checked against every copy found so far, each copied sentence's list item was found by a scan of every unit, and
/// each copy's segment by a walk that re-scanned the whole text for line endings. Those lookups are now binary
/// searches over indexes built once; the facts asserted are counts of their work and the findings, not times.
/// </summary>
public class RepeatedBlocksLinearTimeTests
{
    private static (IReadOnlyList<RuleFinding> Findings, long Work) Evaluate(string text)
    {
        var work = new StrongBox<long>();
        StaticTextUnitIndex.Work.Value = work;
        try
        {
            return (StaticTextRule.Findings("PL0015", null, PromptSegment.Static(text)), work.Value);
        }
        finally
        {
            StaticTextUnitIndex.Work.Value = null;
        }
    }

    // Blocks distinct paragraphs (a sentence and two list items each), then all of them again.
    private static string Repeated(int blocks)
    {
        var once = new StringBuilder();
        for (var i = 0; i < blocks; i++)
        {
            once.Append("Before you answer ticket group ").Append(i).Append(", read the customer's last three messages in full.\n")
                .Append("- Confirm the order number of group ").Append(i).Append(" with the customer before you change anything.\n")
                .Append("- Write the reply for group ").Append(i).Append(" in plain English and keep it short.\n\n");
        }

        return once.ToString() + once;
    }

    [Fact]
    public void FiveHundredRepeatedParagraphs_AreAllFound()
    {
        var (findings, _) = Evaluate(Repeated(500));

        var finding = Assert.Single(findings);
        Assert.Contains("repeats 500 blocks", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LookupWork_GrowsAtMostLinearithmically_WhenTheRepeatsDouble()
    {
        var (_, small) = Evaluate(Repeated(250));
        var (_, large) = Evaluate(Repeated(500));

        // n log n doubles to about 2.2×; one scan per copy (the old lookups) quadruples.
        Assert.True(small > 0, "no lookup work was counted");
        Assert.True(large <= 2.3 * small, $"{small} steps for 250 repeated blocks, {large} for 500");
    }

    [Fact]
    public void ListItemHolding_IsWhatAScanOfTheUnitsFinds()
    {
        var template = Template(PromptSegment.Static(Repeated(40) + "- A last item. With two sentences.\nA closing line, not an item.\n"));
        var units = StaticTextUnits.Of(template);

        foreach (var sentence in units.Where(u => u.Level == UnitLevel.Sentence))
        {
            var scanned = units.FirstOrDefault(u => u.Level == UnitLevel.ListItem && u.Contains(sentence));
            Assert.Same(scanned, StaticTextUnitIndex.ListItemHolding(units, sentence));
        }
    }

    [Fact]
    public void AnyContains_IsWhatAScanOfTheSpansFinds()
    {
        var units = StaticTextUnits.Of(Template(PromptSegment.Static(Repeated(40))));
        // Every third paragraph and list item as the spans: nested, overlapping starts and gaps all occur.
        var spans = units.Where((u, i) => u.Level != UnitLevel.Sentence && i % 3 == 0).ToList();
        var index = new StaticTextUnitIndex(spans);

        foreach (var unit in units)
        {
            Assert.Equal(spans.Any(s => s.Contains(unit)), index.AnyContains(unit));
        }
    }

    [Fact]
    public void SegmentOfAUnit_IsWhatAWalkOverTheSegmentsFinds_WithHolesAndCarriageReturns()
    {
        var template = Template(
            PromptSegment.Static("Read the ticket.\r\nThen answer the customer in their own language, please.\r\n\r\n"),
            PromptSegment.Hole("ticket"),
            PromptSegment.Static(""),
            PromptSegment.Static("\nAlways confirm the order number first. Never guess it.\n"),
            PromptSegment.Hole("history"),
            PromptSegment.Static("Keep the reply short.\r\n- Sign it with the team's name.\n"));

        foreach (var unit in StaticTextUnits.Of(template))
        {
            var walked = Walk(template, unit);
            var found = Evidence.Of(template, unit);
            Assert.Equal(walked is null, found is null);
            if (walked is { } w && found is { } f)
            {
                Assert.Equal((w.Segment, w.Start, w.Length), (f.Segment, f.Start, f.Length));
            }
        }
    }

    // The walk Evidence.Of did before issue 30.
    private static PromptTextSpan? Walk(PromptTemplate template, StaticTextUnit unit)
    {
        var segments = template.Messages[unit.Message].Segments;
        var offset = 0;
        for (var s = 0; s < segments.Count; s++)
        {
            var length = segments[s].IsHole ? 1 : segments[s].Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Length;
            if (!segments[s].IsHole && unit.Start >= offset && unit.End <= offset + length)
            {
                return new PromptTextSpan(unit.Message, s, unit.Start - offset, unit.End - unit.Start, unit.Text);
            }

            offset += length;
        }

        return null;
    }

    private static PromptTemplate Template(params PromptSegment[] segments)
        => new("p", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, segments) }, Array.Empty<ToolDefinition>(), "gpt-4o", null, 500, outputCapStatus: OutputCapStatus.Declared);
}
