using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29, eighth held-out round, through the packed package: Cursor's custom commands and Bugbot rules, a subagent
/// whose front matter has no name, and a Claude Code plugin's commands and agents beside its manifest are found and
/// measured with no configuration; a web page template with a Jinja extension and the plugin manifest itself are not.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class HeldOutRoundEightFormatTests
{
    private readonly PackageFeed _feed;

    public HeldOutRoundEightFormatTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void EighthRoundShapes_AreMeasuredWithoutConfiguration_AndPageTemplatesAreNot()
    {
        var consumer = _feed.NewConsumer("Contoso.RoundEight");
        consumer.Write(".cursor/commands/commit.md", "# Commit changes\n\nUse the repository's commit helper and write a conventional message.\n");
        consumer.Write(".cursor/BUGBOT.md", "# Review rules\n\nFlag every query built by string concatenation.\n");
        consumer.Write("dot-claude/agents/flow/commit.md", "---\ndescription: Writes the commit message\nallowed-tools: Bash(git diff:*)\n---\nWrite one conventional commit message for the staged diff.\n");
        consumer.Write("kit/.claude-plugin/plugin.json", "{ \"name\": \"kit\", \"version\": \"1.0.0\" }\n");
        consumer.Write("kit/commands/pin.md", "# Pin\n\nShow the session's name and branch again at the top of the chat.\n");
        consumer.Write("kit/agents/debugger.md", "# Debugger\n\nReproduce the failure first, then find the smallest fix.\n");
        consumer.Write("web/prompts/answer.j2", "You answer questions about the help centre in two sentences.\n\n{{ question }}\n");
        // Not prompts.
        consumer.Write("web/templates/page.j2", "{% extends \"base.j2\" %}\n{% block content %}\n<div class=\"page\">\n    <h1>{{ title }}</h1>\n    <p>{{ body }}</p>\n</div>\n{% endblock %}\n");
        consumer.Write("setup/commands/pin.md", "# Pin\n\nShow the session's name and branch again.\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(
            new[] { ".cursor/BUGBOT.md", ".cursor/commands/commit.md", "dot-claude/agents/flow/commit.md", "kit/agents/debugger.md", "kit/commands/pin.md", "web/prompts/answer.j2" },
            measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(measured, m => Assert.True(m.Value > 0, $"{m.Key}: {m.Value} tokens"));
    }
}
