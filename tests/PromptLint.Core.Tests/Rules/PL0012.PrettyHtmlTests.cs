using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0012 for pretty-printed HTML that is not XML (issue 15, item 6).</summary>
public sealed class PrettyHtmlTests
{
    private static readonly RuleSettings AnyWaste = new() { { PrettyJson.MinTokens, 1 } };

    private const string Email = "Rewrite this e-mail body for a mobile client:\n<div class=\"mail\">\n    <p>Hello Ada,<br>\n    your refund is on its way.</p>\n    <ul>\n        <li>Order 1042\n        <li>Amount: 25 EUR\n    </ul>\n</div>\nKeep the links.";

    [Fact]
    public void IndentationBetweenTags_IsRemoved_TextAndUnclosedTagsStay()
    {
        var block = Assert.Single(PrettyJson.Blocks(Email));

        Assert.Equal("<div class=\"mail\"><p>Hello Ada,<br>\n    your refund is on its way.</p><ul><li>Order 1042\n        <li>Amount: 25 EUR\n    </ul></div>", block.Minified);
        var finding = Assert.Single(StaticTextRule.Findings("PL0012", AnyWaste, PromptSegment.Static(Email)));
        Assert.Contains("has 1 pretty-printed HTML block in its static text", finding.Message);
        Assert.Contains("Write the HTML on one line.", finding.Message);
        Assert.Equal(StaticTextRule.O200k.CountTokens(Email) - StaticTextRule.O200k.CountTokens(PrettyJson.MinifyAll(Email)), finding.TokensSaved);
    }

    [Fact]
    public void PreformattedContent_KeepsItsWhitespace()
    {
        // Well-formed, so also XML: neither reading minifies inside pre.
        const string text = "Fix this page:\n<div>\n  <p>Run:</p>\n  <pre>\n    <code>dotnet build</code>\n  </pre>\n  <p>Done.</p>\n</div>";

        Assert.Equal("Fix this page:\n<div><p>Run:</p><pre>\n    <code>dotnet build</code>\n  </pre><p>Done.</p></div>", PrettyJson.MinifyAll(text));
        Assert.Equal("Fix this page:\n<div><p>Run:<br></p><pre>\n    <code>dotnet build</code>\n  </pre><p>Done.</p></div>", PrettyJson.MinifyAll(text.Replace("Run:", "Run:<br>")));
    }

    [Theory]
    // The tags prompts use for structure are not HTML, even with an HTML name among them.
    [InlineData("<instructions>\n  <rule>Answer briefly.</rule>\n  <rule>Cite the policy.</rule>\n</instructions>\n<example>\n  <p>Hi</p>\n</example>")]
    // One HTML element name is not enough.
    [InlineData("<section>\n  <header>Policy</header>\n  <footer>End</footer>\n</section>")]
    // HTML on one line.
    [InlineData("<div><p>Hello<br>world</p><ul><li>a<li>b</ul></div>")]
    public void StructureTagsAndCompactHtml_AreNotReported(string text)
    {
        Assert.DoesNotContain(StaticTextRule.Findings("PL0012", AnyWaste, PromptSegment.Static(text)), f => f.Message.Contains("HTML", StringComparison.Ordinal));
    }
}
