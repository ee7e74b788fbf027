using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, held-out shapes: 'promptlint check' on a folder finds GitHub agentic workflows (<c>.github/workflows/*.md</c>
/// with gh aw front matter) through the shared default globs, and never the workflow YAML beside them.
/// </summary>
public sealed class AgenticWorkflowDiscoveryTests
{
    [Fact]
    public void Folder_FindsAgenticWorkflowsOnly_NeverWorkflowYamlOrLookalikes()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write(".github/workflows/triage.md", "---\non:\n  issues:\n    types: [opened]\nengine: copilot\nsafe-outputs:\n  add-labels:\n---\nLabel issue #${{ github.event.issue.number }} as a bug, a feature or a question.\n");
        f.Write(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: dotnet test\n");
        f.Write(".github/workflows/triage.lock.yml", "name: Triage\non:\n  issues:\njobs:\n  agent:\n    runs-on: ubuntu-latest\n");
        f.Write(".github/workflows/shared/tools.md", "---\ntools:\n  github:\n---\nUse the GitHub tools.\n");
        f.Write(".github/workflows/notes.md", "# Notes\n\nThe CI runs on every push.\n");
        f.Write("automation/daily.md", "---\non:\n  schedule: daily\nengine: claude\n---\nWrite the daily summary of merged pull requests.\n");
        f.Write("automation/digest.md", "---\non:\n  schedule: daily\ntools:\n  github:\n---\nSummarise the pull requests.\n");

        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null);
        var found = runner.Run(out _).Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(f.Directory, c.Check.Path), c.Check.Kind)))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(new[] { (".github/workflows/triage.md", PromptFileKind.Agent), ("automation/daily.md", PromptFileKind.Agent) }, found);
    }
}
