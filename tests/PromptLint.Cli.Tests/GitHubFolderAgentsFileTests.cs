using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, seventh held-out round: an AGENTS.md kept directly in .github/ (a hidden folder the SDK's default items
/// skip) is found by default, like the AGENTS.md files one level further down.
/// </summary>
public sealed class GitHubFolderAgentsFileTests
{
    [Fact]
    public void AgentsFileDirectlyInTheGitHubFolder_IsFoundByDefault_AndItsReadmeIsNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write(".github/AGENTS.md", "Keep every pull request small and run the linters before you push.\n");
        f.Write(".github/README.md", "# Organisation files\n");

        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null);
        var found = runner.Run(out _).Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(f.Directory, c.Check.Path), c.Check.Kind)))
            .ToList();

        Assert.Equal(new[] { (".github/AGENTS.md", PromptFileKind.Agent) }, found);
    }
}
