using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Every rule over hostile static text and tool JSON: an exception here would be an AD0001 in the user's build, which
/// takes every other diagnostic of the file with it.
/// </summary>
public class RulesRobustnessTests
{
    private static readonly TokenizerRegistry Registry = new();

    public static TheoryData<string> HostileTexts()
    {
        var data = new TheoryData<string>
        {
            string.Empty,
            "\n\n\n",
            "\uFEFF\u200B\u00A0\u2014\u201C",
            "\uD800 lone high surrogate, \uDC00 lone low",
            new string('{', 5000),
            new string('[', 3000) + new string(']', 3000),
            string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
            "[" + string.Join(",", Enumerable.Repeat("{\"id\":1,\"name\":\"x\"}", 2000)) + "]",
            "[{\"a\":1},{\"a\":\"1\"},{\"a\":[1,{\"b\":2}]}]",
            "[{\"a\":1,\"a\":2,\"b\":3},{\"a\":1,\"a\":2,\"b\":3},{\"a\":1,\"a\":2,\"b\":3},{\"a\":1,\"a\":2,\"b\":3}]",
            "{\n  \"a\": 1,\n  \"a\": 2\n}",
            "[{}, {}, {}]",
            "[{\"\":1},{\"\":2},{\"\":3}]",
            new string('9', 10_000),
            "1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0",
            "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6",
            "Always do it. Never do it. Always do it; never do it; ; ; .",
            "Never .\nAlways .\n- \n* \n1. \n",
            string.Concat(Enumerable.Repeat("Always answer in English, even when the customer writes in another language.\n\n", 300)),
            "\"\"\"\"\"\" \u201C\u201C\u201D\u201D please note that \"please note that\"",
            "```\ncode\n```\n```\nunclosed fence",
            "# \n## \n:\n- :\n",
            new string('a', 20_000),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void EveryRule_OnHostileStaticText_NeverThrows(string text)
    {
        var template = new PromptTemplate("p", new SourceLocation("p.md", 1, 1), PromptRole.System,
            new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(text), PromptSegment.Hole("x"), PromptSegment.Static(text) }), new PromptMessage(PromptRole.User, new[] { PromptSegment.Static(text) }) },
            model: "gpt-4", outputCap: 100, sentModel: "claude-sonnet-4-5");

        var findings = CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry);

        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"function\"}")]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"properties\":[1,2]}}}")]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"description\":5,\"default\":null,\"title\":{}}}}}}")]
    [InlineData("{\"name\":\"f\",\"input_schema\":{\"properties\":{\"a\":{\"properties\":{\"b\":{\"default\":1,\"additionalProperties\":{\"default\":2}}}}}}}")]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"f\",\"name\":\"g\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"default\":1,\"default\":2},\"a\":{}}}}}")] // duplicate keys
    public void ToolRules_OnOddToolJson_NeverThrow(string wireJson)
    {
        var template = new PromptTemplate("t", new SourceLocation("t.tools.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { new ToolDefinition("f", wireJson, new SourceLocation("t.tools.json", 1, 1)) });

        CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry);
    }
}
