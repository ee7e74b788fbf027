using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, fifth held-out round, through the default globs the build and 'promptlint check' share: prompt-named text
/// files in any casing and Continue's and Claude Code's folders are found; an index page and a catalogue in a prompts
/// folder, a page about prompts and a Jinja macro library (which sends nothing) are not.
/// </summary>
public sealed class HeldOutRoundFiveDiscoveryTests
{
    private static Dictionary<string, PromptFileKind> Discovered(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .ToDictionary(c => c.Id, c => c.Kind);
    }

    private static List<string> Measured(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        return runner.Run(out _).Projects.SelectMany(p => p.Prompts.Select(r => r.File)).ToList();
    }

    [Fact]
    public void FifthRoundShapes_FoundAsTheirKind_AndIndexCatalogueDocsAndMacroLibrarySkipped()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        const string prompt = "You are a release assistant. Draft the release notes from the merged changes.\n";
        f.Write("assets/Prompt.txt", prompt);
        f.Write("assets/Agent Prompt v1.2.txt", prompt);
        f.Write("assets/Spec_Prompt.txt", prompt);
        f.Write("assets/x-agent-prompts.txt", prompt);
        f.Write("assets/x-system-prompt-20250820.txt", prompt);
        f.Write("viewer/COPILOT_PROMPT_Viewer.md", prompt);
        f.Write("lib/prompts/skills/search.md", "# Search\n\nSearch the codebase before you answer.\n");
        f.Write("lib/prompts/agents/planner.md", "# Planner\n\nBreak the request into small steps and list them.\n");
        f.Write(".continue/prompts/notes.prompt", "---\nname: Notes\n---\nDraft release notes.\n");
        f.Write(".continue/rules/tabs.md", "Indent with tabs.\n");
        f.Write(".continue/agents/fixer.md", "---\nname: Fixer\ndescription: Fixes tests\n---\nFix the failing tests.\n");
        f.Write(".claude/rules/tests.md", "Run the tests before you commit.\n");
        // Not prompts.
        f.Write("lib/prompts/overview.md", "# Prompts Overview\n\n- [Skills](skills/search.md)\n- [Agents](agents/planner.md)\n");
        f.Write("lib/prompts/catalogue.md", "# Catalogue\n\n<!-- {\"id\": \"a\", \"tags\": [\"x\"]} -->\n## Shorten\n\n```text\nShorten the text.\n```\n\n<!-- {\"id\": \"b\", \"tags\": [\"y\"]} -->\n## Translate\n\n```text\nTranslate the text to French.\n```\n");
        f.Write("notes/prompt-engineering-guide.md", "Good prompts are short.\n");
        f.Write("notes/PROMPTS_README.md", "This folder holds prompts.\n");
        f.Write("templates/macros.j2", "{% macro row(r) %}- {{ r }}{% endmacro %}\n");
        f.Write("templates/chat.j2", "{% from 'macros.j2' import row %}\nList: {{ row(item) }}\n");

        var found = Discovered(f.Directory);

        // The macro library is read as Jinja and sends nothing: no prompt is measured for it.
        Assert.Equal(PromptFileKind.Jinja, found["templates/macros.j2"]);
        var measured = Measured(f.Directory);
        Assert.Contains(measured, id => id.EndsWith("chat.j2", StringComparison.Ordinal));
        Assert.DoesNotContain(measured, id => id.EndsWith("macros.j2", StringComparison.Ordinal));
        found.Remove("templates/macros.j2");

        Assert.Equal(
            new Dictionary<string, PromptFileKind>
            {
                [".claude/rules/tests.md"] = PromptFileKind.Agent,
                [".continue/agents/fixer.md"] = PromptFileKind.Agent,
                [".continue/prompts/notes.prompt"] = PromptFileKind.Agent,
                [".continue/rules/tabs.md"] = PromptFileKind.Agent,
                ["assets/Agent Prompt v1.2.txt"] = PromptFileKind.Text,
                ["assets/Prompt.txt"] = PromptFileKind.Text,
                ["assets/Spec_Prompt.txt"] = PromptFileKind.Text,
                ["assets/x-agent-prompts.txt"] = PromptFileKind.Text,
                ["assets/x-system-prompt-20250820.txt"] = PromptFileKind.Text,
                ["lib/prompts/agents/planner.md"] = PromptFileKind.Text,
                ["lib/prompts/skills/search.md"] = PromptFileKind.Text,
                ["templates/chat.j2"] = PromptFileKind.Jinja,
                ["viewer/COPILOT_PROMPT_Viewer.md"] = PromptFileKind.Text,
            },
            found.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
    }
}
