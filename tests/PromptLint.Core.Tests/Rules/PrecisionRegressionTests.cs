using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// The false-positive classes found on real prompt files (issue 15), each rebuilt from the real shape with our own text.
/// Every test here reported a finding before the fix.
/// </summary>
public sealed class PrecisionRegressionTests
{
    private static ToolDefinition Tool(string json) => new("t", json, new SourceLocation("t.tools.json", 1, 1));

    private static PromptTemplate Tools(params ToolDefinition[] tools)
        => new("tools", new SourceLocation("t.tools.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), tools);

    // An MCP server's tool: a non-strict schema with additionalProperties false, and a query parameter whose long
    // description teaches the search syntax the model has to write.
    private const string SearchTool = """
        {"type":"function","function":{"name":"search_tickets","description":"Search support tickets.","parameters":{"type":"object","properties":{"query":{"type":"string","description":"Search query in the ticket search syntax. Combine qualifiers with spaces: status:open, status:closed, assignee:@me, label:\"needs triage\", created:>2024-01-01, priority:p1..p3. Quote phrases with spaces, prefix a qualifier with - to exclude it (-label:spam), and use OR between terms for either. Example: status:open label:billing -assignee:none"},"limit":{"type":"integer","description":"Results per page, 1 to 100."}},"required":["query"],"additionalProperties":false}}}
        """;

    [Fact]
    public void PL0017_AdditionalPropertiesFalse_AndASyntaxDescription_AreNotWaste()
    {
        Assert.DoesNotContain(Evaluate(Tools(Tool(SearchTool))), f => f.RuleId == "PL0017");
    }

    [Fact]
    public void PL0017_LongDescriptions_AreReportedWhenTheLimitIsSet()
    {
        var finding = Assert.Single(Evaluate(Tools(Tool(SearchTool)), new RuleSettings { { VerboseToolSchema.PropertyDescriptionMaxTokens, 40 } }), f => f.RuleId == "PL0017");
        Assert.Contains("a property description over 40 tokens (query ", finding.Message, StringComparison.Ordinal);
    }

    // A consolidated tool: one tool whose 'method' parameter picks one of several operations, each described in the
    // tool's description (what a server offers instead of six tools).
    private static string Consolidated(bool withMethodEnum)
    {
        var operations = new[] { "get", "list", "create", "update", "close", "comment" };
        var description = string.Join(" ", operations.Select(o =>
            $"Method '{o}': use it to {o} an issue of the repository; it needs the owner and the repository name, returns the issue as JSON with its number, title, state, labels, assignees and timestamps, and fails with a clear message when the caller lacks access to the repository or the issue does not exist."));
        var method = withMethodEnum
            ? "\"method\":{\"type\":\"string\",\"enum\":[" + string.Join(",", operations.Select(o => $"\"{o}\"")) + "]},"
            : "\"method\":{\"type\":\"string\"},";
        return "{\"type\":\"function\",\"function\":{\"name\":\"issue\",\"description\":\"" + description + "\",\"parameters\":{\"type\":\"object\",\"properties\":{" + method + "\"owner\":{\"type\":\"string\"},\"repo\":{\"type\":\"string\"}},\"required\":[\"method\",\"owner\",\"repo\"]}}}";
    }

    [Fact]
    public void PL0009_ConsolidatedToolDescription_MayTakeTheLimitPerOperation()
    {
        // At a 200-token limit for one tool (the default is higher): the six operations may take 1,200.
        var limit = new RuleSettings { { ToolSchemaFootprintRule.ToolDescriptionMaxTokens, 200 } };
        Assert.True(StaticTextRule.O200k.CountTokens(Consolidated(true)) > 200, "the description must be over the 200-token limit of one tool");
        Assert.DoesNotContain(Evaluate(Tools(Tool(Consolidated(true))), limit), f => f.RuleId == "PL0009");

        // Without an enum of operations the tool is one operation, and the description is over its limit.
        Assert.Contains(Evaluate(Tools(Tool(Consolidated(false))), limit), f => f.RuleId == "PL0009" && f.Message.Contains("description", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("providerName")]
    [InlineData("agent_name")]
    [InlineData("settings.companyName")]
    public void PL0004_HoleFixedPerDeployment_DoesNotEndTheCacheablePrefix(string hole)
    {
        var template = Template(new[] { PromptSegment.Static("You are the assistant of "), PromptSegment.Hole(hole), PromptSegment.Static(".\n" + LargePolicy + "\nQuestion: "), PromptSegment.Hole("question") });
        Assert.DoesNotContain(Evaluate(template), f => f.RuleId == "PL0004");

        // A hole that changes per call before the policy still keeps the policy out of the cache.
        var perCall = Template(new[] { PromptSegment.Static("Customer: "), PromptSegment.Hole("customerName"), PromptSegment.Static(".\n" + LargePolicy) });
        Assert.Contains(Evaluate(perCall), f => f.RuleId == "PL0004");
    }

    [Fact]
    public void PL0004_StableHolesSetting_ReplacesTheShippedList()
    {
        var template = Template(new[] { PromptSegment.Static("Region: "), PromptSegment.Hole("region"), PromptSegment.Static(".\n" + LargePolicy) });
        Assert.Contains(Evaluate(template), f => f.RuleId == "PL0004");
        Assert.DoesNotContain(Evaluate(template, new RuleSettings { { CacheablePrefixRule.StableHoles, new[] { "region" } } }), f => f.RuleId == "PL0004");
    }

    [Theory]
    [InlineData("text-embedding-3-small")]
    [InlineData("openai/text-embedding-3-large")]
    [InlineData("dall-e-3")]
    [InlineData("gpt-image-1")]
    public void PL0003_EmbeddingAndImageModels_NeedNoOutputCap(string model)
    {
        var template = Template(new[] { PromptSegment.Static("A watercolor of a lighthouse at dusk.") }, model: model, cap: null, status: OutputCapStatus.Missing);
        Assert.DoesNotContain(Evaluate(template), f => f.RuleId == "PL0003");
    }

    [Theory]
    [InlineData("embedding")]
    [InlineData("image")]
    public void PL0003_PromptyEmbeddingOrImageApi_NeedsNoOutputCap(string api)
    {
        var text = $"---\nname: Lighthouse\nmodel:\n  api: {api}\n  configuration:\n    type: azure_openai\n    azure_deployment: my-deployment\n---\nA watercolor of a lighthouse at dusk, {{{{style}}}}.\n";
        var template = Assert.Single(PromptFileReader.Read(new PromptFileInput("l.prompty", "l.prompty", text), PromptFileKind.Prompty).Templates);
        Assert.Equal(OutputCapStatus.Unknown, template.OutputCapStatus);
        Assert.DoesNotContain(Evaluate(template), f => f.RuleId == "PL0003");

        // The same file as a chat prompt is reported.
        var chat = Assert.Single(PromptFileReader.Read(new PromptFileInput("l.prompty", "l.prompty", text.Replace($"api: {api}", "api: chat")), PromptFileKind.Prompty).Templates);
        Assert.Contains(Evaluate(chat), f => f.RuleId == "PL0003");
    }
}
