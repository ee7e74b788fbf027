using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class VerboseToolSchemaTests
{
    private static readonly TokenizerRegistry Registry = new();
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Verbose = """{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"city":{"type":"string","title":"City","description":"The city.","examples":["Paris","Lima"]},"unit":{"type":"string","enum":["c","f"],"default":"c","description":"Temperature unit: c for Celsius, f for Fahrenheit."},"from":{"type":"string","description":"A date as YYYY-MM-DD."},"to":{"type":"string","description":"A date as YYYY-MM-DD."}},"required":["city"],"additionalProperties":false}}}""";

    // Written by hand: the tool without what the provider ignores and the redundant descriptions.
    private const string Trimmed = """{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"],"description":"Temperature unit: c for Celsius, f for Fahrenheit."},"from":{"type":"string","description":"A date as YYYY-MM-DD."},"to":{"type":"string"}},"required":["city"],"additionalProperties":false}}}""";

    private static IReadOnlyList<RuleFinding> Evaluate(string wireJson, bool approximate = false, RuleSettings? settings = null)
    {
        var tool = new ToolDefinition("get_weather", wireJson, new SourceLocation("tools.json", 1, 1));
        var template = new PromptTemplate("tools.json", new SourceLocation("tools.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { tool }, "gpt-4o", approximate: approximate);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, settings ?? new RuleSettings(), Registry)
            .Where(f => f.RuleId == "PL0017")
            .ToList();
    }

    private static VerboseToolSchema.Waste Analyze(string wireJson, bool reconstructed = false)
        => VerboseToolSchema.Analyze(wireJson, reconstructed, d => O200k.CountTokens(d), 60)!;

    [Fact]
    public void IgnoredKeywordsAndRedundantDescriptions_AreReportedWithWhatRemovingThemSaves()
    {
        var waste = Analyze(Verbose);
        Assert.Equal(Trimmed, waste.Rewritten);
        Assert.Equal(new[] { "city" }, waste.NameOnly);
        Assert.Equal(new[] { "to" }, waste.Duplicates);

        var finding = Assert.Single(Evaluate(Verbose));

        var saved = O200k.CountTokens(Verbose) - O200k.CountTokens(Trimmed);
        Assert.True(saved >= 10, $"saved {saved}");
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Tool 'get_weather' of prompt 'tools.json' spends {saved} tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price) on schema text the model does not need: keywords the provider ignores ('default', 'examples', 'title', '$schema'); a description that only repeats the property name (city); a description identical to another property's (to). Remove the ignored keywords and the repeated descriptions, and shorten long ones.",
            finding.Message);
    }

    [Fact]
    public void LongPropertyDescription_CountsItsTokensOverTheLimit()
    {
        var notes = string.Join(" ", Enumerable.Repeat("Use the metric value unless the user clearly asks for imperial units.", 6));
        var json = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"unit":{"type":"string","description":"NOTES"}}}}}""".Replace("NOTES", notes);
        var tokens = O200k.CountTokens(notes);
        Assert.True(tokens > 60);

        // Off by default (a long description usually carries what the model needs); on with the setting.
        Assert.Empty(Evaluate(json));
        var finding = Assert.Single(Evaluate(json, settings: new RuleSettings { { VerboseToolSchema.PropertyDescriptionMaxTokens, 60 } }));

        Assert.Equal(tokens - 60, finding.TokensSaved);
        Assert.Contains($"a property description over 60 tokens (unit {tokens})", finding.Message);
        Assert.Empty(Evaluate(json, settings: new RuleSettings { { VerboseToolSchema.PropertyDescriptionMaxTokens, 200 } }));
    }

    [Fact]
    public void AdditionalProperties_IsNeverReported_StrictOrNot()
    {
        var strict = Verbose.Replace("\"additionalProperties\":false}}}", "\"additionalProperties\":false},\"strict\":true}}");
        Assert.DoesNotContain("additionalProperties", Analyze(strict).Keywords.Keys);
        Assert.Contains("\"additionalProperties\":false", Analyze(strict).Rewritten);

        // The Responses API's flat shape is strict unless it says otherwise.
        const string flat = """{"type":"function","name":"lookup","parameters":{"type":"object","properties":{"id":{"type":"string"}},"additionalProperties":false}}""";
        Assert.False(Analyze(flat).Any);
        // Regression (issue 15): outside strict mode it was reported as ignored, but providers that validate read it.
        Assert.False(Analyze(flat.Replace("\"additionalProperties\":false}}", "\"additionalProperties\":false},\"strict\":false}")).Any);
    }

    [Fact]
    public void ReconstructedSchema_IsNotBlamedForKeywordsPromptLintWrote_ButItsDescriptionsAre()
    {
        var waste = Analyze(Verbose, reconstructed: true);
        Assert.Empty(waste.Keywords);
        Assert.Equal(new[] { "city" }, waste.NameOnly);

        var withoutDescriptions = Verbose.Replace("\"description\":\"The city.\",", string.Empty).Replace(",\"description\":\"A date as YYYY-MM-DD.\"}}", "}}");
        Assert.Empty(Evaluate(withoutDescriptions, approximate: true));
        Assert.Single(Evaluate(withoutDescriptions));
    }

    [Theory]
    [InlineData("""{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name and country, e.g. 'Paris, FR'."},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}}}""")]
    [InlineData("""{"type":"function","function":{"name":"create_note","parameters":{"type":"object","properties":{"title":{"type":"string","description":"Shown in the list."},"default":{"type":"boolean","description":"Open it on start."},"examples":{"type":"array","items":{"type":"string"}}}}}}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"unit":{"type":"string","default":"c"}}}}}""")]
    public void TidySchemasPropertyNamesThatLookLikeKeywordsAndSmallWaste_StaySilent(string json)
    {
        Assert.Empty(Evaluate(json));
    }

    [Fact]
    public void TheMinimumIsConfigurable()
    {
        // The description already says the default, so 'default' repeats it (issue 29: a default that is the only place
        // its value is written is kept).
        const string json = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"unit":{"type":"string","description":"Unit, c unless asked.","default":"c"}}}}}""";
        Assert.Single(Evaluate(json, settings: new RuleSettings { { VerboseToolSchema.WasteMinTokens, 1 } }));
        Assert.Empty(Evaluate(Verbose, settings: new RuleSettings { { VerboseToolSchema.WasteMinTokens, 500 } }));
    }
}
