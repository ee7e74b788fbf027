using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, eighth held-out round, through the default globs the build and 'promptlint check' share: Cursor's custom
/// commands (<c>.cursor/commands/*.md</c>) and Bugbot rules (<c>.cursor/BUGBOT.md</c>, at any depth) are found; a Flask
/// app's <c>templates/*.j2</c> web pages are not, while a Jinja prompt beside them is.
/// </summary>
public sealed class HeldOutRoundEightDiscoveryTests
{
    private static Dictionary<string, PromptFileKind> Discovered(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .Where(c => c.Kind != PromptFileKind.Unknown)
            .ToDictionary(c => c.Id, c => c.Kind);
    }

    [Fact]
    public void CursorCommandsAndBugbotRules_AreFound_AndHtmlPageTemplatesAreNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write(".cursor/commands/commit.md", "# Commit changes\n\nUse the repository's commit helper and write a conventional message.\n");
        f.Write(".cursor/commands/git/push.md", "# Push\n\nPush the current branch and open a pull request.\n");
        f.Write(".cursor/BUGBOT.md", "# Review rules\n\nFlag every query built by string concatenation.\n");
        f.Write("src/billing/.cursor/BUGBOT.md", "# Billing review rules\n\nFlag rounding done before the tax is computed.\n");
        f.Write("web/templates/base.j2", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <title>{% block title %}{% endblock %}</title>\n</head>\n<body>\n{% block content %}{% endblock %}\n</body>\n</html>\n");
        f.Write("web/templates/page.j2", "{% extends \"base.j2\" %}\n{% block content %}\n<div class=\"page\">\n    <h1>{{ title }}</h1>\n    <p>{{ body }}</p>\n</div>\n{% endblock %}\n");
        f.Write("web/prompts/answer.j2", "You answer questions about the help centre in two sentences.\n\n{{ question }}\n");

        var found = Discovered(f.Directory);

        Assert.Equal(PromptFileKind.Agent, found[".cursor/commands/commit.md"]);
        Assert.Equal(PromptFileKind.Agent, found[".cursor/commands/git/push.md"]);
        Assert.Equal(PromptFileKind.Agent, found[".cursor/BUGBOT.md"]);
        Assert.Equal(PromptFileKind.Agent, found["src/billing/.cursor/BUGBOT.md"]);
        Assert.Equal(PromptFileKind.Jinja, found["web/prompts/answer.j2"]);
        Assert.DoesNotContain("web/templates/base.j2", found.Keys);
        Assert.DoesNotContain("web/templates/page.j2", found.Keys);
    }

    [Fact]
    public void ClaudePluginCommandsAndAgents_WithoutFrontMatter_AreFoundBesideTheManifest_AndNotWithoutIt()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("tools/review-kit/.claude-plugin/plugin.json", "{ \"name\": \"review-kit\", \"version\": \"1.0.0\" }\n");
        f.Write("tools/review-kit/commands/pin.md", "# Pin\n\nShow the session's name and branch again at the top of the chat.\n");
        f.Write("tools/review-kit/agents/debugger.md", "# Debugger\n\nReproduce the failure first, then find the smallest change that fixes it.\n");
        f.Write("tools/review-kit/skills/triage/SKILL.md", "---\nname: triage\ndescription: Triage a bug report\n---\nAsk for the steps to reproduce.\n");
        // The same tree without a manifest: the folder names alone do not say.
        f.Write("setup/commands/pin.md", "# Pin\n\nShow the session's name and branch again at the top of the chat.\n");
        f.Write("setup/agents/debugger.md", "# Debugger\n\nReproduce the failure first, then find the smallest change that fixes it.\n");

        var found = Discovered(f.Directory);

        Assert.Equal(PromptFileKind.Agent, found["tools/review-kit/commands/pin.md"]);
        Assert.Equal(PromptFileKind.Agent, found["tools/review-kit/agents/debugger.md"]);
        Assert.Equal(PromptFileKind.Agent, found["tools/review-kit/skills/triage/SKILL.md"]);
        Assert.DoesNotContain("tools/review-kit/.claude-plugin/plugin.json", found.Keys);
        Assert.DoesNotContain("setup/commands/pin.md", found.Keys);
        Assert.DoesNotContain("setup/agents/debugger.md", found.Keys);
    }
}
