using System.Text.RegularExpressions;
using PromptLint.Cli.Check;

namespace PromptLint.Cli.Tests;

/// <summary>.pre-commit-hooks.yaml passes the files the build's default globs take, and no other.</summary>
public sealed class PreCommitHookTests
{
    [Theory]
    [InlineData("Prompts/answer.md")]
    [InlineData("src/Helpdesk/Prompts/Triage/triage.prompty")]
    [InlineData("service/prompts/system.txt")]
    [InlineData("prompts/escalate.yaml")]
    [InlineData("summarize.prompt.yml")]
    [InlineData("a/b.prompt.yaml")]
    [InlineData("Plugins/Writer/Story/skprompt.txt")]
    [InlineData("Tools/helpdesk.tools.json")]
    [InlineData("README.md")]
    [InlineData("docs/prompting.md")]
    [InlineData("Plugins/Writer/Story/config.json")]
    [InlineData("notes.txt")]
    [InlineData("myskprompt.txt")]
    [InlineData("flows/chat/chat.jinja2")]
    [InlineData("agent/prompts/system_prompt.j2")]
    [InlineData("templates/review.jinja")]
    [InlineData("templates/review.hbs")]
    [InlineData("agents/CSharpExpert.agent.md")]
    [InlineData("instructions/a11y.instructions.md")]
    [InlineData("review.prompt.md")]
    [InlineData("AGENTS.md")]
    [InlineData("skills/mentoring/SKILL.md")]
    [InlineData(".github/copilot-instructions.md")]
    [InlineData(".github/prompts/review.prompt.yml")]
    [InlineData(".github/prompts/sparc.md")]
    [InlineData(".github/agents/planner.md")]
    [InlineData(".claude/commands/plan.md")]
    [InlineData(".agents/skills/launch/SKILL.md")]
    [InlineData(".claude/skills/review/SKILL.md")]
    [InlineData(".github/skills/triage/SKILL.md")]
    [InlineData("templates/commands/plan.md")]
    [InlineData("Resources/GenerateStory.yaml")]
    [InlineData("tools/actions.json")]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData(".config/dotnet-tools.json")]
    [InlineData("package.json")]
    [InlineData("web/package-lock.json")]
    [InlineData("appsettings.Development.json")]
    [InlineData("Properties/launchSettings.json")]
    [InlineData("global.json")]
    [InlineData("docs/CHANGELOG.md")]
    [InlineData("prompts/README.md")]
    [InlineData("node_modules/x/tools.json")]
    [InlineData("docker-compose.yml")]
    [InlineData("notes.md")]
    [InlineData("assets/Agent Prompt v1.2.txt")]
    [InlineData("lib/COPILOT_PROMPT.txt")]
    [InlineData("data/readme.txt")]
    [InlineData(".continue/rules/tabs.md")]
    [InlineData(".continue/prompts/notes.prompt")]
    [InlineData(".continue/config.yaml")]
    [InlineData(".claude/rules/tests.md")]
    [InlineData(".github/AGENTS.md")]
    [InlineData(".github/workflows/triage.md")]
    [InlineData(".cursor/rules/style.mdc")]
    [InlineData("docs/api/tools.json")]
    public void HookFiles_MatchTheDefaultGlobs(string path)
    {
        var hooks = File.ReadAllText(Path.Combine(Fixture.RepoRoot(), ".pre-commit-hooks.yaml"));
        var files = Regex.Matches(hooks, @"^\s*files: '(?<regex>[^']+)'", RegexOptions.Multiline).Select(m => m.Groups["regex"].Value).ToList();
        var excludes = Regex.Matches(hooks, @"^\s*exclude: '(?<regex>[^']+)'", RegexOptions.Multiline).Select(m => m.Groups["regex"].Value).ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(2, excludes.Count);
        for (var i = 0; i < files.Count; i++)
        {
            // pre-commit searches both patterns anywhere in the path (Python's re.search).
            var passed = Regex.IsMatch(path, files[i]) && !Regex.IsMatch(path, excludes[i]);
            Assert.Equal(PromptWorkspace.MatchesDefaultGlobs(path), passed);
        }
    }
}
