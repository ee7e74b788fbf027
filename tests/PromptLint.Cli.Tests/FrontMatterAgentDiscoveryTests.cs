using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Third held-out round of issue 29: a collection of subagents kept in folders named after teams (<c>design/</c>,
/// <c>ops/</c>), a Cursor rule saved as <c>.md</c> and a <c>prompt_*.txt</c> template are found by default; the pages
/// beside them (a README, a description page without front matter, a site page with a title) are not.
/// </summary>
public sealed class FrontMatterAgentDiscoveryTests
{
    [Fact]
    public void AgentsByFrontMatterAndPromptNamedText_AreFound_AndPagesBesideThemAreNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("design/palette-picker.md", "---\nname: palette-picker\ndescription: Picks accessible colour palettes.\ncolor: purple\ntools: Read, Write\n---\n\nYou choose colour palettes that pass contrast checks.\n");
        f.Write("ops/on-call-helper.md", "---\nname: on-call-helper\ndescription: Summarizes alerts.\nmodel: haiku\n---\n\nYou summarize the alerts of the last hour by service.\n");
        f.Write("ops/about-on-call.md", "# On call\n\n## Description\n\nHow the on-call rota works.\n");
        f.Write("site/palettes.md", "---\ntitle: Palettes\nname: palettes\ndescription: Our palettes.\nmodel: none\n---\n\nA page.\n");
        f.Write("README.md", "---\nname: readme\ndescription: d\ntools: t\n---\n# Readme\n");
        f.Write("rule-files/docker.md", "---\ndescription: Docker practices\nglobs: Dockerfile\n---\nPin base image versions.\n");
        f.Write("templates/prompt_summary.txt", "Summarize the ticket below in two sentences.\n\n{ticket}\n");
        f.Write("templates/notes.txt", "Not a prompt.\n");

        var found = Discovered(f.Directory);

        Assert.Equal(
            new[] { "design/palette-picker.md", "ops/on-call-helper.md", "rule-files/docker.md", "templates/prompt_summary.txt" },
            found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(PromptFileKind.Text, found["templates/prompt_summary.txt"]);
        Assert.Equal(PromptFileKind.Agent, found["design/palette-picker.md"]);
    }

    private static Dictionary<string, PromptFileKind> Discovered(string folder)
    {
        var run = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null).Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .ToDictionary(c => c.Id, c => c.Kind);
    }
}
