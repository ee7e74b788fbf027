using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, held-out shapes: GitHub agentic workflows (<c>gh aw</c>) are Markdown files whose front matter says when
/// they run and with which agent, and whose body is the agent's task. In <c>.github/workflows/</c> they are found by
/// that front matter; elsewhere only when it is unambiguous (<c>on:</c> and <c>engine:</c>). Workflow YAML never is.
/// </summary>
public sealed class AgenticWorkflowTests
{
    private const string Triage = "---\non:\n  issues:\n    types: [opened]\npermissions:\n  contents: read\nengine: copilot\nsafe-outputs:\n  add-comment:\n---\n# Triage\n\nRead issue #${{ github.event.issue.number }} and label it as a bug, a feature or a question.\n";

    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData(".github/workflows/triage.md", "---\non: issues\nengine: claude\n---\nLabel the issue.\n")]
    [InlineData(".github/workflows/digest.md", "---\non:\n  schedule: daily\ntools:\n  github:\n---\nSummarise yesterday's pull requests.\n")]
    [InlineData("repo/.github/workflows/reply.md", "---\n\"on\": issue_comment\nsafe-outputs:\n  add-comment:\n---\nAnswer the question in the comment.\n")]
    [InlineData("automation/daily-report.md", "---\non:\n  schedule: daily\nengine: codex\n---\nWrite the daily report.\n")]
    public void AgenticWorkflow_IsAnAgentFile(string path, string text)
        => Assert.Equal(PromptFileKind.Agent, Detect(path, text));

    [Theory]
    // In the workflows folder, "on:" alone (a page with a trigger-like key) or no front matter is not a workflow prompt.
    [InlineData(".github/workflows/notes.md", "---\non: push\n---\nNotes about the CI set-up.\n")]
    [InlineData(".github/workflows/overview.md", "# Workflows\n\nThe CI runs on every push.\n")]
    // A shared fragment a workflow imports has no trigger of its own.
    [InlineData(".github/workflows/shared/github-tools.md", "---\ntools:\n  github:\n---\nUse the GitHub tools.\n")]
    // Outside the workflows folder, "on:" with "tools:" or "safe-outputs:" could be another tool's page: silent.
    [InlineData("automation/digest.md", "---\non:\n  schedule: daily\ntools:\n  github:\n---\nSummarise the pull requests.\n")]
    [InlineData("automation/reply.md", "---\non: issue_comment\nsafe-outputs:\n  add-comment:\n---\nAnswer the comment.\n")]
    // The workflow YAML itself, and gh aw's compiled lock file, are CI configuration.
    [InlineData(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n")]
    [InlineData(".github/workflows/triage.lock.yml", "name: Triage\non:\n  issues:\njobs:\n  agent:\n    runs-on: ubuntu-latest\n")]
    public void NotAnUnambiguousAgenticWorkflow_IsSkipped(string path, string text)
        => Assert.Equal(PromptFileKind.Unknown, Detect(path, text));

    [Fact]
    public void AgenticWorkflow_FrontMatterIsConfiguration_BodyIsTheUserPrompt_ExpressionsAreHoles()
    {
        var template = Single(PromptFileReader.Read(Input(".github/workflows/triage.md", Triage), PromptFileKind.Agent));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.User, message.Role);
        var text = string.Concat(message.Segments.Where(s => !s.IsHole).Select(s => s.Text));
        Assert.DoesNotContain("engine", text, StringComparison.Ordinal);
        Assert.DoesNotContain("safe-outputs", text, StringComparison.Ordinal);
        Assert.StartsWith("# Triage", text, StringComparison.Ordinal);
        Assert.Contains(message.Segments, s => s.IsHole);
    }
}
