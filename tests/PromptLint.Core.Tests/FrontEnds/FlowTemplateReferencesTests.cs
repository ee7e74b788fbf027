using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, fourth held-out round: Promptflow flows whose LLM and prompt nodes name a Markdown (or other) template in
/// <c>flow.dag.yaml</c>. Promptflow renders those files with Jinja, so discovery takes exactly the files a flow names,
/// as Jinja, and no other Markdown file.
/// </summary>
public sealed class FlowTemplateReferencesTests
{
    private const string Flow = """
        inputs:
          question:
            type: string
        nodes:
        - name: answer
          type: llm
          source:
            type: code
            path: answer.md
          inputs:
            question: ${inputs.question}
          api: chat
        - name: context
          type: prompt
          source:
            type: code
            path: shared/../templates/context.txt
        - name: lookup
          type: python
          source:
            type: code
            path: lookup.py
        - name: vision
          type: custom_llm
          source:
            type: package_with_prompt
            path: describe.md
            tool: some_package.describe
        node_variants:
          answer:
            default_variant_id: variant_0
            variants:
              variant_1:
                node:
                  type: llm
                  source:
                    type: code
                    path: answer_short.md
        """;

    private static FlowTemplateReferences Read(string flowPath, string text)
    {
        var flows = new FlowTemplateReferences();
        flows.Add(flowPath, text);
        return flows;
    }

    [Fact]
    public void LlmPromptAndCustomLlmNodes_NameTheirTemplates_PythonNodesDoNot()
    {
        var flows = Read("/repo/flows/qna/flow.dag.yaml", Flow);

        Assert.True(flows.Names("/repo/flows/qna/answer.md"));
        Assert.True(flows.Names("/repo/flows/qna/templates/context.txt"));
        Assert.True(flows.Names("/repo/flows/qna/describe.md"));
        Assert.False(flows.Names("/repo/flows/qna/lookup.py"));
        Assert.False(flows.Names("/repo/flows/qna/notes.md"));
        Assert.False(flows.Names("/repo/flows/other/answer.md"));
    }

    [Fact]
    public void TemplateOfAVariant_IsNamed()
    {
        Assert.True(Read("/repo/flows/qna/flow.dag.yaml", Flow).Names("/repo/flows/qna/answer_short.md"));
    }

    [Fact]
    public void WindowsPathsAndDotSegments_AreTheSameFile()
    {
        var flows = Read(@"C:\src\flows\qna\flow.dag.yaml", Flow);

        Assert.True(flows.Names(@"C:\src\flows\qna\answer.md"));
        Assert.True(flows.Names("C:/src/flows/qna/./templates/context.txt"));
    }

    [Theory]
    [InlineData(PromptFileKind.Unknown, "detect", PromptFileKind.Jinja)]
    [InlineData(PromptFileKind.Text, "detect", PromptFileKind.Jinja)]
    [InlineData(PromptFileKind.Text, "auto", PromptFileKind.Jinja)]
    [InlineData(PromptFileKind.Agent, "detect", PromptFileKind.Agent)]
    [InlineData(PromptFileKind.Text, "text", PromptFileKind.Text)]
    public void NamedMarkdown_IsReadAsJinja_UnlessItsKindIsKnownOrGiven(PromptFileKind resolved, string kindName, PromptFileKind expected)
    {
        var flows = Read("/repo/flows/qna/flow.dag.yaml", Flow);

        Assert.Equal(expected, flows.Refine(resolved, kindName, "/repo/flows/qna/answer.md"));
        Assert.Equal(PromptFileKind.Unknown, flows.Refine(PromptFileKind.Unknown, kindName, "/repo/flows/qna/notes.md"));
    }

    [Theory]
    [InlineData("nodes: [ {type: llm, source: {type: code, path: a.md}\n")]
    [InlineData("- just\n- a list\n")]
    [InlineData("")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nnodes: [*g]\n")]
    public void BrokenOrHostileFlow_NamesNothing_AndDoesNotThrow(string text)
    {
        var flows = Read("/repo/flow.dag.yaml", text);

        Assert.True(flows.IsEmpty);
        Assert.False(flows.Names("/repo/a.md"));
    }

    [Fact]
    public void AbsoluteOrRemoteTemplatePaths_AreNotTaken()
    {
        var flows = Read("/repo/flow.dag.yaml", "nodes:\n- type: llm\n  source:\n    type: code\n    path: /etc/prompt.md\n- type: llm\n  source:\n    type: code\n    path: azureml://prompts/a.md\n");

        Assert.True(flows.IsEmpty);
    }

    [Theory]
    [InlineData("flows/x/flow.dag.yaml", true)]
    [InlineData(@"flows\x\Flow.Dag.yml", true)]
    [InlineData("flows/x/flow.meta.yaml", false)]
    [InlineData("flows/x/my.flow.dag.yaml.bak", false)]
    public void FlowDefinitions_AreToldByName(string path, bool expected)
    {
        Assert.Equal(expected, FlowTemplateReferences.IsFlowDefinition(path));
    }
}
