using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29 through the packed package: a consumer with one file of each format PromptLint added (Jinja, Promptflow
/// role lines, Handlebars, agent and Copilot files, tool lists by shape, GitHub Models YAML by its keys, Semantic Kernel
/// YAML outside Prompts/) finds and measures every one with no configuration, and takes none of the look-alikes.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class FormatDiscoveryTests
{
    private readonly PackageFeed _feed;

    public FormatDiscoveryTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void EveryNewFormat_IsFoundAndMeasuredWithoutConfiguration_AndLookAlikesAreNot()
    {
        var consumer = _feed.NewConsumer("Contoso.Formats");
        consumer.Write("flows/chat/chat.jinja2", "# system:\nYou are a helpful assistant for Contoso.\n\n# user:\n{{question}}\n");
        consumer.Write("agent/system.j2", "You are a coding agent.\n{% include 'rules.j2' %}\n");
        consumer.Write("agent/rules.j2", "Never delete files without asking.\n");
        consumer.Write("agent/empty.jinja", "\n");
        consumer.Write("templates/review.hbs", "<message role=\"system\">Review the pull request.</message>\n<message role=\"user\">{{diff}}</message>\n");
        consumer.Write("agents/planner.agent.md", "---\nname: planner\ntools: ['search']\n---\nPlan the work before writing code.\n");
        consumer.Write("instructions/csharp.instructions.md", "---\napplyTo: '**/*.cs'\n---\nUse file-scoped namespaces.\n");
        consumer.Write("AGENTS.md", "Run the tests before every commit.\n");
        consumer.Write("skills/review/SKILL.md", "---\nname: review\ndescription: Reviews code\n---\nReview the diff for bugs.\n");
        consumer.Write(".github/copilot-instructions.md", "Answer in English.\n");
        consumer.Write(".github/prompts/explain.prompt.md", "---\nmode: ask\n---\nExplain ${input:topic} simply.\n");
        consumer.Write(".github/prompts/summarize.prompt.yml", "model: openai/gpt-4o\nmodelParameters:\n  max_tokens: 200\nmessages:\n  - role: user\n    content: Summarize {{text}}\n");
        consumer.Write(".claude/commands/plan.md", "---\ndescription: Plan\n---\nPlan this: $ARGUMENTS\n");
        consumer.Write("Resources/Story.yaml", "name: Story\ntemplate: |\n  Write a story about {{$topic}}.\nexecution_settings:\n  default:\n    max_tokens: 300\n");
        consumer.Write("tools/actions.json", "[\n  { \"name\": \"lights_on\", \"description\": \"Turns on the lights\" }\n]\n");
        consumer.Write("mcp/tools.json", "{\"tools\":[{\"name\":\"ping\",\"description\":\"Ping the server\",\"inputSchema\":{\"type\":\"object\"}}]}\n");
        consumer.Write("design/palette-picker.md", "---\nname: palette-picker\ndescription: Picks palettes\ncolor: purple\n---\nChoose colours that pass contrast checks.\n");
        consumer.Write("templates/prompt_summary.txt", "Summarize the ticket in two sentences: {ticket}\n");
        // Look-alikes: same extensions or folders, not prompts.
        consumer.Write("README.md", "# Contoso.Formats\n");
        consumer.Write("notes/meeting.md", "---\ntitle: Weekly\nname: weekly\ndescription: Notes\nmodel: none\n---\nWe met.\n");
        consumer.Write("docs/commands/build.md", "---\ndescription: the build command\n---\nRuns the build.\n");
        consumer.Write("package.json", "{ \"name\": \"contoso-formats\", \"description\": \"web assets\" }\n");
        consumer.Write("appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }\n");
        consumer.Write("Properties/launchSettings.json", "{ \"profiles\": { \"Contoso.Formats\": { \"commandName\": \"Project\" } } }\n");
        consumer.Write("data/products.json", "[ { \"name\": \"Blue Chair\", \"description\": \"A chair\", \"price\": 30 } ]\n");
        consumer.Write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        consumer.Write("views/layout.hbs", "<html><body>{{body}}</body></html>\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(
            new[]
            {
                ".claude/commands/plan.md", ".github/copilot-instructions.md", ".github/prompts/explain.prompt.md",
                ".github/prompts/summarize.prompt.yml", "AGENTS.md", "Resources/Story.yaml", "agent/rules.j2", "agent/system.j2",
                "agents/planner.agent.md", "design/palette-picker.md", "flows/chat/chat.jinja2", "instructions/csharp.instructions.md", "mcp/tools.json",
                "skills/review/SKILL.md", "templates/prompt_summary.txt", "templates/review.hbs", "tools/actions.json",
            },
            measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(measured, m => Assert.True(m.Value > 0, $"{m.Key}: {m.Value} tokens"));
        // The include is read: the agent's system prompt counts the rules file's text.
        Assert.True(measured["agent/system.j2"] > measured["agent/rules.j2"]);
        // Front matter is configuration: the agent file measures its body only.
        Assert.True(measured["agents/planner.agent.md"] < 12, $"{measured["agents/planner.agent.md"]} tokens");
    }
}
