using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29, fifth held-out round, through the packed package: prompt-named text files in any casing, a plain prompt
/// under prompts/agents/, Continue's and Claude Code's rule and prompt folders are found and measured with no
/// configuration; an index page and a catalogue in a prompts folder and a Jinja macro library are not.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class HeldOutRoundFiveFormatTests
{
    private readonly PackageFeed _feed;

    public HeldOutRoundFiveFormatTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void FifthRoundShapes_AreMeasuredWithoutConfiguration_AndIndexCatalogueAndMacroLibraryAreNot()
    {
        var consumer = _feed.NewConsumer("Contoso.RoundFive");
        consumer.Write("assets/Agent Prompt v1.2.txt", "You are a release assistant. Draft the notes from the merged changes.\n");
        consumer.Write("assets/Spec_Prompt.txt", "Write a specification for the feature the user describes.\n");
        consumer.Write("viewer/COPILOT_PROMPT_Viewer.md", "Explain the selected code in plain words.\n");
        consumer.Write("lib/prompts/agents/planner.md", "# Planner\n\nBreak the request into small steps and list them.\n");
        consumer.Write(".continue/rules/tabs.md", "Indent with tabs in every file.\n");
        consumer.Write(".continue/prompts/notes.prompt", "---\nname: Notes\ndescription: Release notes\n---\nDraft the release notes.\n");
        consumer.Write(".claude/rules/tests.md", "---\npaths:\n  - \"src/**\"\n---\nRun the tests before you commit.\n");
        // Not prompts.
        consumer.Write("lib/prompts/overview.md", "# Prompts Overview\n\n- [Planner](agents/planner.md)\n- [Writer](agents/writer.md)\n");
        consumer.Write("lib/prompts/catalogue.md", "# Catalogue\n\n<!-- {\"id\": \"a\", \"tags\": [\"x\"]} -->\n## Shorten\n\n```text\nShorten the text.\n```\n\n<!-- {\"id\": \"b\", \"tags\": [\"y\"]} -->\n## Translate\n\n```text\nTranslate the text to French.\n```\n");
        consumer.Write("notes/prompt-engineering-guide.md", "Good prompts are short.\n");
        consumer.Write("templates/macros.j2", "{% macro row(r) %}- {{ r }}{% endmacro %}\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(
            new[]
            {
                ".claude/rules/tests.md", ".continue/prompts/notes.prompt", ".continue/rules/tabs.md", "assets/Agent Prompt v1.2.txt",
                "assets/Spec_Prompt.txt", "lib/prompts/agents/planner.md", "viewer/COPILOT_PROMPT_Viewer.md",
            },
            measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(measured, m => Assert.True(m.Value > 0, $"{m.Key}: {m.Value} tokens"));
        // Front matter is configuration: the rule measures its one sentence only.
        Assert.True(measured[".claude/rules/tests.md"] < 12, $"{measured[".claude/rules/tests.md"]} tokens");
    }
}
