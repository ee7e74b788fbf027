using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Holes in plain text templates on the shapes of real prompt files (issue 15: on 430 public prompt files, 3 of 7 PL0004
/// findings came from braces that were not holes): single braces that belong to code or another syntax, holes whose
/// name says they change every call, and the <c>verbatim</c> kind for files whose braces are all content.
/// </summary>
public sealed class HoleSpellingsOnRealShapesTests
{
    private static IReadOnlyList<string> Holes(string text)
        => Single(TextFrontEnd.Read(Input("p.md", text))).Messages.SelectMany(m => m.Segments).Where(s => s.IsHole).Select(s => s.Text).ToList();

    [Theory]
    [InlineData("PCRE supports \\p{Greek} but not \\p{Bidi_Control}.")]
    [InlineData("Run it with ${HOME} set, and format with %{name}.")]
    [InlineData("Replace this:\n```csharp\nstatic string GetWeather(string location) => $\"Weather in {location}\";\n```\nwith a tool.")]
    [InlineData("Routes:\n~~~\nGET /orders/{orderId}\n~~~\n")]
    public void SingleBracesOfCodeAndOtherSyntaxes_AreText(string text)
    {
        Assert.Empty(Holes(text));
    }

    [Fact]
    public void SingleBraceHolesInProse_AndDoubleBraceHolesInAFence_AreStillHoles()
    {
        Assert.Equal(new[] { "ticketId", "code" }, Holes("Mention the ticket {ticketId}.\n```\n{{code}}\n```\n"));
    }

    [Theory]
    [InlineData("{{current_date}}", true)]
    [InlineData("{{.CurrentDate}}", true)]
    [InlineData("{{$now}}", true)]
    [InlineData("{timestamp}", true)]
    [InlineData("{{request_id}}", true)]
    [InlineData("{{date_of_birth}}", false)]
    [InlineData("{{timezone}}", false)]
    [InlineData("{{question}}", false)]
    public void AHoleNamedLikeAValueOfTheMoment_IsVolatile(string hole, bool volatileValue)
    {
        var segment = Single(TextFrontEnd.Read(Input("p.md", $"Context: {hole}. Answer briefly."))).Messages[0].Segments.Single(s => s.IsHole);

        Assert.Equal(volatileValue, segment.IsVolatile);
    }

    [Fact]
    public void ACurrentDateHoleAtTheTopOfALongPromptFile_IsPL0005()
    {
        // Long enough (about 1,360 static tokens) for the provider's cache minimum: under it nothing is cached and a
        // volatile hole costs nothing (issue 29).
        var text = "You are a research lead.\nThe current date is {{.CurrentDate}}.\n\n" + string.Concat(Enumerable.Repeat("Plan the research, delegate it to subagents and write the final report with citations.\n", 80));
        var template = Single(TextFrontEnd.Read(Input("lead.md", text)));
        var registry = new TokenizerRegistry();

        var findings = CostRules.Evaluate(template, new PromptMeasurer(registry).Measure(template, "gpt-4o"), ModelCatalog.Shipped, new RuleSettings(), registry);

        Assert.Contains(findings, f => f.RuleId == "PL0005" && f.Message.Contains("(.CurrentDate) in its system message", StringComparison.Ordinal));
    }

    [Fact]
    public void AVerbatimFile_IsAllText()
    {
        const string text = "Use placeholders like {{BaseURL}} and {id} in paths.\n";
        Assert.Equal(PromptFileKind.Verbatim, PromptFileKinds.Parse("verbatim"));
        Assert.Equal(PromptFileKind.Verbatim, PromptFileKinds.Parse("raw"));

        var template = Single(PromptFileReader.Read(Input("nuclei.md", text), PromptFileKind.Verbatim));

        var segment = Assert.Single(Assert.Single(template.Messages).Segments);
        Assert.False(segment.IsHole);
        Assert.Equal(text, segment.Text);
        Assert.Equal(new SourceLocation("nuclei.md", 1, 1), segment.Origin);
    }
}
