using PromptLint.Cli.Check;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, held-out shapes: a Promptflow flow whose templates are <c>.txt</c> files. One in a <c>prompts/</c> folder is
/// found by the default globs and read as Jinja, with the same findings in 'promptlint check' and the analyzer; one
/// outside (round 7: a flow's templates beside its flow.dag.yaml) is found by default too, and the flow folder's other
/// .txt files are not.
/// </summary>
public sealed class PromptflowTxtTemplateTests
{
    private const string FlowDefinition = "nodes:\n- name: rewrite\n  type: llm\n  source:\n    type: code\n    path: prompts/rewrite.txt\n  api: chat\n- name: answer\n  type: llm\n  source:\n    type: code\n    path: answer.txt\n  api: chat\n";

    // Role lines, a Jinja loop and pretty JSON (a PL0012 finding to compare between the hosts).
    private const string Template = "# system:\nYou rewrite questions about the Contoso return policy.\nReply with this JSON:\n{\n  \"order\": \"10023\",\n  \"status\": \"open\",\n  \"priority\": \"high\"\n}\n{% for turn in history %}\n{{turn.text}}\n{% endfor %}\n\n# user:\n{{question}}\n";

    private static Fixture FlowProject()
    {
        var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("flows/qna/flow.dag.yaml", FlowDefinition);
        f.Write("flows/qna/prompts/rewrite.txt", Template);
        f.Write("flows/qna/answer.txt", Template);
        f.Write("flows/qna/requirements.txt", "promptflow\n");
        return f;
    }

    private static Dictionary<string, PromptFileCheck> Found(Fixture f, params string[] paths)
        => new CheckAnalysis(new CheckOptions { Paths = paths.ToList(), CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null).Run(out _)
            .Projects.SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind is not (PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig))
            .ToDictionary(c => PromptWorkspace.Relative(f.Directory, c.Check.Path), c => c.Check);

    [Fact]
    public void TxtInPromptsFolderNamedByAFlow_IsFoundAsJinja_ByDefault()
    {
        using var f = FlowProject();

        var found = Found(f, ".");

        Assert.Equal(PromptFileKind.Jinja, found["flows/qna/prompts/rewrite.txt"].Kind);
        Assert.Equal(2, Assert.Single(found["flows/qna/prompts/rewrite.txt"].Prompts).Template.Messages.Count);
        Assert.DoesNotContain("flows/qna/requirements.txt", found.Keys);
    }

    [Fact]
    public void TxtOutsidePromptsNamedByAFlow_IsFoundAsJinja_ByDefault()
    {
        using var f = FlowProject();

        var found = Found(f, ".");

        Assert.Equal(PromptFileKind.Jinja, found["flows/qna/answer.txt"].Kind);
        Assert.Equal(2, Assert.Single(found["flows/qna/answer.txt"].Prompts).Template.Messages.Count);
        Assert.Equal(new[] { "flows/qna/answer.txt", "flows/qna/prompts/rewrite.txt" }, found.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void TxtOutsidePromptsNamedByAFlow_IsReadAsJinja_WhenNamedToo()
    {
        using var f = FlowProject();

        var found = Found(f, ".", "flows/qna/answer.txt");

        Assert.Equal(PromptFileKind.Jinja, found["flows/qna/answer.txt"].Kind);
        Assert.Equal(2, Assert.Single(found["flows/qna/answer.txt"].Prompts).Template.Messages.Count);
    }

    [Fact]
    public void TxtTemplatesNamedByAFlow_FoundByDefault_SameFindingsAsTheAnalyzer()
    {
        using var f = FlowProject();

        var run = f.Analyze(".");
        // The build hands the analyzer the flow folder's .txt files that no glob takes, as 'flow-template'.
        var expected = AnalyzerRun.Findings(f.Directory, Array.Empty<string>(), detectedFiles: new[] { "flows/qna/flow.dag.yaml", "flows/qna/prompts/rewrite.txt" }.Select(f.Path_), flowFolderFiles: new[] { "flows/qna/answer.txt", "flows/qna/requirements.txt" }.Select(f.Path_))
            .Where(d => d.Id != "PL9001")
            .Select(d => $"{d.Severity} {d.Id} {d.File}:{d.Line}:{d.Column} saves={d.TokensSaved} {d.Message}")
            .ToList();
        var actual = run.Findings
            .Select(x => $"{x.Severity} {x.RuleId} {x.ProjectPath}:{x.Line}:{x.Column} saves={x.TokensSaved} {x.Message}")
            .ToList();

        Assert.Contains(actual, x => x.Contains("flows/qna/answer.txt", StringComparison.Ordinal));
        Assert.Contains(actual, x => x.Contains("flows/qna/prompts/rewrite.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(actual, x => x.Contains("requirements.txt", StringComparison.Ordinal));
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void FlowFolderFileNoFlowNames_IsNotAPrompt_InTheAnalyzer()
    {
        using var f = FlowProject();
        f.Write("flows/qna/notes.txt", "You are a helpful assistant. Answer in two sentences.\n");

        var findings = AnalyzerRun.Findings(f.Directory, Array.Empty<string>(), detectedFiles: new[] { f.Path_("flows/qna/flow.dag.yaml") }, flowFolderFiles: new[] { "flows/qna/notes.txt", "flows/qna/requirements.txt" }.Select(f.Path_));

        Assert.DoesNotContain(findings, d => d.File.Contains("notes.txt", StringComparison.Ordinal) || d.File.Contains("requirements.txt", StringComparison.Ordinal));
    }
}
