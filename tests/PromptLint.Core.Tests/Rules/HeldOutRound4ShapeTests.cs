using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// False positives found by the fourth held-out round of issue 29 (Promptflow few-shot templates, Cursor rule files),
/// each as a general shape in its own words, next to the same text in the shape that is still reported.
/// </summary>
public sealed class HeldOutRound4ShapeTests
{
    private static readonly TokenizerRegistry Registry = new();

    private static IReadOnlyList<RuleFinding> Findings(string id, PromptFileKind kind, string text)
    {
        var result = PromptFileReader.Read(new PromptFileInput("p", "p", text), kind);
        var template = Assert.Single(result.Templates);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == id)
            .ToList();
    }

    // PL0015 -------------------------------------------------------------------------------------------------------

    private const string KeptAsIs = "Query: SELECT region, SUM(amount) AS total FROM invoices WHERE year = 2023 GROUP BY region ORDER BY total DESC LIMIT 10";

    [Fact]
    public void FewShotAnswerRepeatingItsQuestion_IsTheExamplesPoint_NotReported()
    {
        // The assistant turn returns the user's query unchanged: that is what the example teaches (a valid query stays as it is).
        var text = "system:\nYou fix SQL queries so they run. Return the query unchanged when it is already valid.\n\n"
            + "user:\n" + KeptAsIs + "\n\nassistant:\n" + KeptAsIs + "\n\nuser:\n{{query}}\n";

        Assert.Empty(Findings("PL0015", PromptFileKind.Jinja, text));
    }

    [Fact]
    public void SameTextInTwoUserTurns_IsStillReported()
    {
        var text = "system:\nYou fix SQL queries so they run. Return the query unchanged when it is already valid.\n\n"
            + "user:\n" + KeptAsIs + "\n\nassistant:\nQuery: SELECT 1\n\nuser:\n" + KeptAsIs + "\n\nassistant:\nQuery: SELECT 2\n\nuser:\n{{query}}\n";

        Assert.Single(Findings("PL0015", PromptFileKind.Jinja, text));
    }

    // PL0012 -------------------------------------------------------------------------------------------------------

    private const string ServerConfig = "{\n  \"servers\": {\n    \"files\": {\n      \"command\": \"npx\",\n      \"args\": [\"-y\", \"files-server\"],\n      \"env\": { \"LOG_LEVEL\": \"info\" }\n    }\n  }\n}";

    [Theory]
    [InlineData("Add this to your editor's configuration (`~/.config/editor/servers.json`):\n\n")]
    [InlineData("Create `.vscode/mcp.json` with:\n\n")]
    [InlineData("In settings.json, add the server:\n")]
    [InlineData("2. **Configuration files**\n\n   **.prettierrc:**\n")]
    [InlineData("Add the following to your assistant's server settings:\n")]
    public void JsonThatIsANamedFilesContent_KeepsTheFilesLayout_NotReported(string leadIn)
    {
        var text = "---\ndescription: Server setup\nglobs: \"\"\nalwaysApply: false\n---\n# Setup\n\n" + leadIn + "```json\n" + ServerConfig + "\n```\n\nRestart the editor afterwards.\n";

        Assert.Empty(Findings("PL0012", PromptFileKind.Agent, text));
    }

    [Theory]
    [InlineData("{\n  \"scripts\": {\n    \"format\": \"prettier --write .\",\n    \"lint\": \"eslint . --fix\",\n    \"check\": \"tsc --noEmit\"\n  }\n}")]
    [InlineData("{\n  \"compilerOptions\": {\n    \"target\": \"ES2022\",\n    \"strict\": true,\n    \"moduleResolution\": \"bundler\"\n  }\n}")]
    // An ASP.NET Core appsettings.json, and an editor's settings.json with its dotted keys (fifth held-out round).
    [InlineData("{\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Information\",\n      \"Contoso.Orders.Queries\": \"Debug\"\n    }\n  }\n}")]
    [InlineData("{\n  \"editor.formatOnSave\": true,\n  \"contoso-tools.projects\": [\n    {\n      \"path\": \".\",\n      \"runner\": \"contoso.runner:default\"\n    }\n  ]\n}")]
    public void JsonOpeningWithAConfigurationFilesRootKey_IsThatFilesContent_NotReported(string json)
    {
        var text = "# Tooling\n\n## 4. Automation\n\n```json\n" + json + "\n```\n";

        Assert.Empty(Findings("PL0012", PromptFileKind.Agent, text));
    }

    [Fact]
    public void TheSameJsonAsAnAnswerExample_IsStillReported()
    {
        var text = "# Setup\n\nAnswer with the server list as JSON, like this:\n\n```json\n" + ServerConfig + "\n```\n";

        Assert.Single(Findings("PL0012", PromptFileKind.Agent, text));
    }
}
