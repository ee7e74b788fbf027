using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Template control flow: the alternatives of a conditional are never sent together (the footprint counts the largest,
/// the rules never compare two of them), and a loop is a hole.
/// </summary>
public class ControlFlowTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");
    private static readonly TokenizerRegistry Registry = new();

    private const string Formal = "Write in a formal register, address the customer by their surname, and sign with the team name.";
    private const string Casual = "Write casually and sign with your first name.";

    private static PromptTemplate Template(string text, TemplateFlavor flavor)
        => new("p", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, TemplateSyntax.Split(text, flavor)) }, model: "gpt-4o", outputCap: 500);

    private static IReadOnlyList<RuleFinding> Findings(PromptTemplate template, string rule)
        => CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry).Where(f => f.RuleId == rule).ToList();

    [Theory]
    [InlineData("Intro.\n{{#if formal}}" + Formal + "{{else}}" + Casual + "{{/if}}\nEnd.", TemplateFlavor.Mustache)]
    [InlineData("Intro.\n{{#if formal}}" + Formal + "{{^}}" + Casual + "{{/if}}\nEnd.", TemplateFlavor.Mustache)]
    [InlineData("Intro.\n{% if formal %}" + Formal + "{% else %}" + Casual + "{% endif %}\nEnd.", TemplateFlavor.Jinja)]
    [InlineData("Intro.\n{%- if formal -%}" + Formal + "{%- elif casual -%}" + Casual + "{%- endif -%}\nEnd.", TemplateFlavor.Jinja)]
    [InlineData("Intro.\n{% if formal %}" + Formal + "{% elsif casual %}" + Casual + "{% endif %}\nEnd.", TemplateFlavor.Liquid)]
    [InlineData("Intro.\n{% case tone %}{% when 'formal' %}" + Formal + "{% when 'casual' %}" + Casual + "{% endcase %}\nEnd.", TemplateFlavor.Liquid)]
    public void IfElse_FootprintCountsTheLargestAlternative_AndSaysSo(string text, TemplateFlavor flavor)
    {
        var template = Template(text, flavor);
        var segments = template.Messages[0].Segments;
        var formal = Assert.Single(segments, s => s.Text == Formal);
        var casual = Assert.Single(segments, s => s.Text == Casual);
        Assert.True(PromptBranches.Exclusive(formal.Branch, casual.Branch));
        Assert.Null(segments[0].Branch);

        var m = new PromptMeasurer(Registry).Measure(template, null);

        // Intro, the larger alternative, End: each run between holes is counted on its own.
        var expected = O200k.CountTokens("Intro.\n") + O200k.CountTokens(Formal) + O200k.CountTokens("\nEnd.");
        Assert.Equal(expected, m.StaticTokens);
        Assert.True(m.LargestBranch);
    }

    [Fact]
    public void IfWithoutElse_CountsItsText_AndIsNotFlagged()
    {
        var m = new PromptMeasurer(Registry).Measure(Template("Intro.\n{{#if formal}}" + Formal + "{{/if}}", TemplateFlavor.Mustache), null);

        Assert.Equal(O200k.CountTokens("Intro.\n") + O200k.CountTokens(Formal), m.StaticTokens);
        Assert.False(m.LargestBranch);
    }

    [Fact]
    public void NestedConditionals_CountTheLargestPathThroughThem()
    {
        const string text = "{% if a %}A1{% if b %}" + Formal + "{% else %}B{% endif %}{% else %}" + Casual + "{% endif %}";
        var m = new PromptMeasurer(Registry).Measure(Template(text, TemplateFlavor.Jinja), null);

        var outerFirst = O200k.CountTokens("A1") + O200k.CountTokens(Formal);
        Assert.Equal(Math.Max(outerFirst, O200k.CountTokens(Casual)), m.StaticTokens);
    }

    [Theory]
    [InlineData("Examples:\n{{#each examples}}Input: {{input}}\nOutput: {{output}}\n{{/each}}Answer now.", TemplateFlavor.Mustache, "#each")]
    [InlineData("Examples:\n{% for e in examples %}Input: {{ e.input }}\n{% if e.note %}Note{% endif %}{% endfor %}Answer now.", TemplateFlavor.Jinja, "%for e in examples%")]
    public void Loop_IsOneHole_ItsTextIsNotStatic(string text, TemplateFlavor flavor, string hole)
    {
        var template = Template(text, flavor);
        var segments = template.Messages[0].Segments;

        Assert.Equal(3, segments.Count);
        Assert.Equal("Examples:\n", segments[0].Text);
        Assert.True(segments[1].IsHole);
        Assert.StartsWith(hole, segments[1].Text, StringComparison.Ordinal);
        Assert.Equal("Answer now.", segments[2].Text);
        Assert.Equal(O200k.CountTokens("Examples:\n") + O200k.CountTokens("Answer now."), new PromptMeasurer(Registry).Measure(template, null).StaticTokens);
    }

    // Regression (issue 15): the same paragraph in the if and the else was reported by PL0015 as sent twice.
    [Theory]
    [InlineData(TemplateFlavor.Mustache, "{{#if vip}}", "{{else}}", "{{/if}}")]
    [InlineData(TemplateFlavor.Jinja, "{% if vip %}", "{% else %}", "{% endif %}")]
    public void SameParagraphInTwoAlternatives_IsNotARepeat(TemplateFlavor flavor, string open, string otherwise, string close)
    {
        const string paragraph = "Always answer in English, even when the customer writes in another language.";
        var text = $"You answer billing questions.\n{open}\nYou may offer a refund.\n\n{paragraph}\n{otherwise}\nNo refunds.\n\n{paragraph}\n{close}\n";

        Assert.Empty(Findings(Template(text, flavor), "PL0015"));

        // Outside the conditional, the same paragraph is sent with either alternative: that is a repeat.
        Assert.Single(Findings(Template(text + "\n" + paragraph + "\n", flavor), "PL0015"));
    }

    // Regression (issue 15): an instruction and its negation in two alternatives were reported by PL0019.
    [Fact]
    public void InstructionAndItsNegationInTwoAlternatives_AreNotAContradiction()
    {
        const string text = "{% if short %}\nNever use bullet points.\n{% else %}\nAlways use bullet points.\n{% endif %}\n";
        Assert.Empty(Findings(Template(text, TemplateFlavor.Jinja), "PL0019"));
        Assert.Single(Findings(Template(text + "Never use bullet points.\n", TemplateFlavor.Jinja), "PL0019"));
    }

    // Regression (issue 15): long numbers in exclusive alternatives were summed past PL0016's threshold.
    [Fact]
    public void LongNumbersInTwoAlternatives_CountOnlyTheLargerAlternative()
    {
        var oneNumber = O200k.CountTokens("4111111111111111");
        Assert.True(oneNumber < 8 && 2 * oneNumber >= 8, "the test needs a number under the 8-token minimum that two copies pass");

        const string text = "{% if us %}\nCall 4111111111111111 for help.\n{% else %}\nCall 4222222222222222 for help.\n{% endif %}\n";
        Assert.Empty(Findings(Template(text, TemplateFlavor.Jinja), "PL0016"));
    }

    [Fact]
    public void LargestBranchFlag_TravelsToReportJson_OnlyWhenSet()
    {
        var branched = new PromptMeasurer(Registry).Measure(Template("{{#if a}}" + Formal + "{{else}}" + Casual + "{{/if}}", TemplateFlavor.Mustache), null);
        var plain = new PromptMeasurer(Registry).Measure(Template(Formal, TemplateFlavor.Mustache), null);
        var report = new PromptLint.Contracts.Reporting.FootprintReport();
        foreach (var m in new[] { branched, plain })
        {
            var properties = PromptLint.Core.Reporting.MeasurementProperties.From(m, "p.md", 1, "system", null)
                .Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            report.Prompts.Add(Assert.IsType<PromptLint.Contracts.Reporting.ReportPrompt>(PromptLint.Core.Reporting.MeasurementProperties.Read(properties)));
        }

        var json = PromptLint.Contracts.Reporting.ReportJsonWriter.Write(report);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"largestBranch\":\\s*true"));
        var read = PromptLint.Contracts.Reporting.ReportJsonReader.Read(json);
        Assert.Equal(new[] { true, false }, read.Prompts.Select(p => p.LargestBranch));
    }
}
