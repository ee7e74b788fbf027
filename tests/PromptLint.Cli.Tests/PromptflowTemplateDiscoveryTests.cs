using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, fourth held-out round: a Promptflow flow names its prompt templates in <c>flow.dag.yaml</c>, and they need
/// not end in <c>.jinja2</c> (<c>answer.md</c>). 'promptlint check' and the build take the files a flow names, as Jinja,
/// and leave every other Markdown file of the flow alone.
/// </summary>
public sealed class PromptflowTemplateDiscoveryTests
{
    private const string FlowDefinition = "inputs:\n  question:\n    type: string\nnodes:\n- name: answer\n  type: llm\n  source:\n    type: code\n    path: answer.md\n  inputs:\n    question: ${inputs.question}\n  api: chat\n- name: fetch\n  type: python\n  source:\n    type: code\n    path: fetch.py\n";

    // Role lines and a Jinja loop: read as plain text, "system:" would be prompt text and {% for %} a literal.
    private const string Template = "system:\nYou answer questions about the Contoso return policy in two sentences or fewer.\nReply with this JSON:\n{\n  \"order\": \"10023\",\n  \"status\": \"open\",\n  \"priority\": \"high\"\n}\n\n{% for doc in documents %}\n{{doc.content}}\n{% endfor %}\n\nuser:\n{{question}}\n";

    private static Fixture FlowProject()
    {
        var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("flows/qna/flow.dag.yaml", FlowDefinition);
        f.Write("flows/qna/answer.md", Template);
        f.Write("flows/qna/fetch.py", "def fetch(q):\n    return q\n");
        f.Write("flows/qna/notes.md", "Ideas for the next version of the flow.\n");
        f.Write("flows/other/answer.md", Template);
        return f;
    }

    [Fact]
    public void MarkdownTemplateNamedByAFlow_IsFoundAsJinja_OtherMarkdownIsNot()
    {
        using var f = FlowProject();

        var run = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null).Run(out _);
        var found = run.Projects.SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind is not (PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig))
            .ToDictionary(c => PromptWorkspace.Relative(f.Directory, c.Check.Path), c => c.Check);

        Assert.Equal(new[] { "flows/qna/answer.md" }, found.Keys);
        Assert.Equal(PromptFileKind.Jinja, found["flows/qna/answer.md"].Kind);
        var template = Assert.Single(found["flows/qna/answer.md"].Prompts).Template;
        var text = string.Concat(template.Messages.SelectMany(m => m.Segments).Where(s => !s.IsHole).Select(s => s.Text));
        Assert.Equal(2, template.Messages.Count);
        Assert.DoesNotContain("system:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{% for", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownTemplateNamedByAFlow_SameFindingsAsTheAnalyzer()
    {
        using var f = FlowProject();

        var run = f.Analyze();
        var files = new[] { "flows/qna/flow.dag.yaml", "flows/qna/answer.md", "flows/qna/notes.md", "flows/other/answer.md" }.Select(f.Path_);
        var expected = AnalyzerRun.Findings(f.Directory, Array.Empty<string>(), detectedFiles: files)
            .Where(d => d.Id != "PL9001")
            .Select(d => $"{d.Severity} {d.Id} {d.File}:{d.Line}:{d.Column} saves={d.TokensSaved} {d.Message}")
            .ToList();
        var actual = run.Findings
            .Select(x => $"{x.Severity} {x.RuleId} {x.ProjectPath}:{x.Line}:{x.Column} saves={x.TokensSaved} {x.Message}")
            .ToList();

        Assert.Contains(actual, x => x.Contains("flows/qna/answer.md", StringComparison.Ordinal));
        Assert.DoesNotContain(actual, x => x.Contains("flows/other/answer.md", StringComparison.Ordinal) || x.Contains("notes.md", StringComparison.Ordinal));
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
    }
}
