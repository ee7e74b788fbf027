using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0012 on XML: indentation between tags is removed, nothing else; mixed content and prompt-structure tags stay silent.</summary>
public class PrettyXmlTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Example = """
        Reply with XML like this example:
        <order id="A-1042">
            <customer>Ada Lovelace</customer>
            <items>
                <item sku="KB-01" quantity="2" />
                <item sku="MS-07" quantity="1"></item>
            </items>
            <note>Leave at the door &amp; ring twice</note>
        </order>
        Use empty elements for anything the email does not say.
        """;

    private static IReadOnlyList<RuleFinding> Evaluate(params PromptSegment[] segments) => StaticTextRule.Findings("PL0012", null, segments);

    [Fact]
    public void PrettyPrintedXml_IsReportedWithTheSavingOfItsMinifiedForm_AttributesAndEntitiesAsWritten()
    {
        var minified = PrettyJson.MinifyAll(Example);
        Assert.Equal("""
            Reply with XML like this example:
            <order id="A-1042"><customer>Ada Lovelace</customer><items><item sku="KB-01" quantity="2" /><item sku="MS-07" quantity="1"></item></items><note>Leave at the door &amp; ring twice</note></order>
            Use empty elements for anything the email does not say.
            """, minified);

        var finding = Assert.Single(Evaluate(PromptSegment.Static(Example)));

        var saved = O200k.CountTokens(Example) - O200k.CountTokens(minified);
        Assert.True(saved >= 10);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 1 pretty-printed XML block in its static text; minified, it says the same for {saved} fewer tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Write the XML on one line.",
            finding.Message);
    }

    [Fact]
    public void JsonAndXml_AreCountedApart()
    {
        var json = "{\n    \"orderId\": \"A-1042\",\n    \"items\": [\n        { \"sku\": \"KB-01\", \"quantity\": 2 }\n    ]\n}";

        var finding = Assert.Single(Evaluate(PromptSegment.Static(Example + "\nOr JSON:\n" + json + "\n")));

        Assert.Contains("has 1 pretty-printed JSON block and 1 XML block in its static text", finding.Message);
        Assert.Contains("Write the JSON and XML on one line.", finding.Message);
    }

    [Theory]
    [InlineData("<instructions>\nBe brief.\nCite the policy section.\n</instructions>\n<examples>\nQ: Where is my order?\nA: It ships tomorrow.\n</examples>")] // prompt-structure tags around text
    [InlineData("<p>\n    Hello <b>world</b>, this is <i>mixed</i>\n    content where spaces matter.\n    <br/>\n</p>")] // mixed content
    [InlineData("<pre xml:space=\"preserve\">\n    <line>a</line>\n    <line>b</line>\n</pre>")]
    [InlineData("<ul>\n  <li>one\n  <li>two\n</ul>")] // HTML that is not XML
    [InlineData("<br>\n<br>\n<hr>")]
    [InlineData("<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>\n  <b>&x;</b>\n</a>")] // no DTDs
    [InlineData("<order>\n  <id>1</id>\n</order>")] // too small to matter
    public void NotPrettyXml_OrNotWorthIt_StaysSilent(string text)
    {
        Assert.Empty(Evaluate(PromptSegment.Static(text)));
    }

    [Fact]
    public void UnclosedTagsEverywhere_StayLinear()
    {
        var text = string.Concat(Enumerable.Repeat("<a>\n<b x='1'>\n", 20_000));

        Assert.Empty(Evaluate(PromptSegment.Static(text)));
    }
}
