using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Default discovery (build/PromptLint.DefaultItems.props, shared by the build and 'promptlint check'): every common
/// prompt format is found with no configuration, and nothing that is not a prompt is taken for one.
/// </summary>
public sealed class DefaultDiscoveryTests
{
    private static List<(string Id, PromptFileKind Kind)> Discovered(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void PromptsSamples_FindsExactlyTheirPromptFiles()
    {
        var found = Discovered(Path.Combine(Fixture.RepoRoot(), "prompts-samples")).Select(d => d.Id).ToList();

        Assert.Equal(
            new[]
            {
                "Contoso.Helpdesk/Plugins/Writer/ReplyDraft/skprompt.txt",
                "Contoso.Helpdesk/Prompts/Triage/triage.prompty",
                "Contoso.Helpdesk/Prompts/answer.prompty",
                "Contoso.Helpdesk/Prompts/escalate.yaml",
                "Contoso.Helpdesk/Prompts/order-status.md",
                "Contoso.Helpdesk/Prompts/refund-policy.md",
                "Contoso.Helpdesk/Prompts/summarize-thread.prompt.yml",
                "Contoso.Helpdesk/Tools/helpdesk.tools.json",
            },
            found);
    }

    [Fact]
    public void ThisRepository_FindsOnlyPrompts_NeverDocsConfigurationOrBaselines()
    {
        var root = Fixture.RepoRoot();
        var found = Discovered(root);

        // The repository's prompts are the samples' and the test corpus's; its README files, docs, dashboards, model
        // data, baselines, expected.json files, global.json and pre-commit hooks are not.
        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.True(
            f.Id.StartsWith("prompts-samples/", StringComparison.Ordinal) || f.Id.StartsWith("tests/PromptLint.Core.Tests/Corpus/", StringComparison.Ordinal),
            $"{f.Id} was taken for a prompt ({f.Kind})"));
        Assert.DoesNotContain(found, f => f.Id.EndsWith("README.md", StringComparison.Ordinal) || f.Id.EndsWith("expected.json", StringComparison.Ordinal) || f.Id.EndsWith("promptlint.baseline.json", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Id == "prompts-samples/Contoso.Helpdesk/Prompts/answer.prompty");
    }

    [Fact]
    public void EveryNewFormat_IsFoundAndReadAsItsKind_AndLookalikesAreSkippedSilently()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("flows/chat.jinja2", "# system:\nYou are a helpful assistant.\n# user:\n{{question}}\n");
        f.Write("agent/system.j2", "You are an agent.\n{% include 'rules.j2' %}\n");
        f.Write("agent/rules.j2", "Never delete files.\n");
        f.Write("templates/review.hbs", "<message role=\"system\">Review the code.</message>\n<message role=\"user\">{{code}}</message>\n");
        f.Write("agents/planner.agent.md", "---\nname: planner\ntools: ['search']\n---\nPlan the work before you write code.\n");
        f.Write("instructions/csharp.instructions.md", "---\napplyTo: '**/*.cs'\n---\nUse file-scoped namespaces.\n");
        f.Write("AGENTS.md", "Run the tests before every commit.\n");
        f.Write("skills/review/SKILL.md", "---\nname: review\ndescription: Reviews code\n---\nReview the diff for bugs.\n");
        f.Write(".github/copilot-instructions.md", "Answer in English.\n");
        f.Write(".github/prompts/explain.prompt.md", "---\nmode: ask\n---\nExplain ${input:topic} simply.\n");
        f.Write(".github/prompts/summarize.prompt.yml", "model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Summarize {{text}}\n");
        f.Write(".claude/commands/plan.md", "---\ndescription: Plan\n---\nPlan this: $ARGUMENTS\n");
        f.Write(".agents/skills/launch/SKILL.md", "---\nname: launch\ndescription: Launches the app\n---\nStart the app with the debug profile.\n");
        f.Write(".agents/notes/todo.md", "Not a skill.\n");
        f.Write("Resources/Story.yaml", "name: Story\ntemplate: |\n  Write a story about {{$topic}}.\ntemplate_format: semantic-kernel\n");
        f.Write("tools/actions.json", "[\n  { \"name\": \"lights_on\", \"description\": \"Turns on the lights\" }\n]\n");
        f.Write("mcp/tools.json", "{\"tools\":[{\"name\":\"ping\",\"description\":\"Ping\",\"inputSchema\":{\"type\":\"object\"}}]}\n");
        // Look-alikes: same extensions or folders, not prompts.
        f.Write("README.md", "# App\n");
        f.Write("docs/commands/build.md", "---\ndescription: the build command\n---\nRuns the build.\n");
        f.Write("commands/notes.md", "Notes about commands.\n");
        f.Write("package.json", "{ \"name\": \"app\", \"description\": \"An app\" }\n");
        f.Write("appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }\n");
        f.Write("Properties/launchSettings.json", "{ \"profiles\": { \"App\": { \"commandName\": \"Project\" } } }\n");
        f.Write("data/products.json", "[ { \"name\": \"Blue Chair\", \"description\": \"A chair\", \"price\": 30 } ]\n");
        f.Write("deploy/k8s.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec: {}\n");
        f.Write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        f.Write("views/layout.hbs", "<html><body>{{body}}</body></html>\n");

        var found = Discovered(f.Directory).ToDictionary(d => d.Id, d => d.Kind);

        Assert.Equal(
            new Dictionary<string, PromptFileKind>
            {
                [".agents/skills/launch/SKILL.md"] = PromptFileKind.Agent,
                [".claude/commands/plan.md"] = PromptFileKind.Agent,
                [".github/copilot-instructions.md"] = PromptFileKind.Agent,
                [".github/prompts/explain.prompt.md"] = PromptFileKind.Agent,
                [".github/prompts/summarize.prompt.yml"] = PromptFileKind.GitHubModels,
                ["AGENTS.md"] = PromptFileKind.Agent,
                ["Resources/Story.yaml"] = PromptFileKind.SemanticKernelYaml,
                ["agent/rules.j2"] = PromptFileKind.Jinja,
                ["agent/system.j2"] = PromptFileKind.Jinja,
                ["agents/planner.agent.md"] = PromptFileKind.Agent,
                ["flows/chat.jinja2"] = PromptFileKind.Jinja,
                ["instructions/csharp.instructions.md"] = PromptFileKind.Agent,
                ["mcp/tools.json"] = PromptFileKind.ToolSchema,
                ["skills/review/SKILL.md"] = PromptFileKind.Agent,
                ["templates/review.hbs"] = PromptFileKind.Handlebars,
                ["tools/actions.json"] = PromptFileKind.ToolSchema,
            },
            found.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
        Assert.DoesNotContain(f.Findings(), x => x.RuleId == "PL0101");
    }
}
