using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, held-out shapes: Promptflow renders every template its flow names with Jinja, whatever the extension. A
/// <c>.txt</c> the flow names is read as Jinja wherever it is, once it is an item (found in a <c>prompts/</c> folder by
/// the default globs, or listed by the user), and so is a file of any other extension the user lists. The kind comes
/// from the same evidence in the build and in <c>promptlint check</c> (<see cref="PromptFileEvidence"/>).
/// </summary>
public sealed class FlowTemplateAnyExtensionTests
{
    private const string Flow = "nodes:\n- name: answer\n  type: llm\n  source:\n    type: code\n    path: answer.txt\n  api: chat\n- name: rewrite\n  type: llm\n  source:\n    type: code\n    path: prompts/rewrite.txt\n  api: chat\n- name: summary\n  type: prompt\n  source:\n    type: code\n    path: summary.tmpl\n";

    private const string Template = "# system:\nYou rewrite questions about the Contoso return policy.\n\n# user:\n{{question}}\n";

    private static PromptFileKind Kind(string kindName, string path)
    {
        var evidence = new PromptFileEvidence();
        evidence.Add("/repo/flows/qna/flow.dag.yaml", Flow);
        var resolved = PromptFileKinds.Resolve(kindName, path, Template.Length, () => Template, 1_000_000);
        return evidence.Refine(resolved, kindName, path, () => Template);
    }

    [Theory]
    // Found by the default globs (a .txt in a prompts/ folder) and named by the flow.
    [InlineData("detect", "/repo/flows/qna/prompts/rewrite.txt")]
    // Listed by the user (PromptLintFile item, kind auto): a .txt outside prompts/, and an extension PromptLint does not know.
    [InlineData("auto", "/repo/flows/qna/answer.txt")]
    [InlineData("auto", "/repo/flows/qna/summary.tmpl")]
    [InlineData("", "/repo/flows/qna/summary.tmpl")]
    public void TemplateNamedByAFlow_IsJinja_WhateverItsExtension(string kindName, string path)
        => Assert.Equal(PromptFileKind.Jinja, Kind(kindName, path));

    [Theory]
    [InlineData("detect", "/repo/flows/qna/prompts/other.txt", PromptFileKind.Text)]
    [InlineData("auto", "/repo/flows/qna/other.txt", PromptFileKind.Text)]
    [InlineData("auto", "/repo/flows/qna/other.tmpl", PromptFileKind.Unknown)]
    // A kind the user names wins over the flow.
    [InlineData("text", "/repo/flows/qna/answer.txt", PromptFileKind.Text)]
    public void TemplateNoFlowNames_OrAKindTheUserNamed_IsReadAsBefore(string kindName, string path, PromptFileKind expected)
        => Assert.Equal(expected, Kind(kindName, path));

    [Fact]
    public void TxtNamedByAFlow_IsSplitAtItsRoleLines()
    {
        var template = Single(PromptFileReader.Read(Input("flows/qna/answer.txt", Template), Kind("auto", "/repo/flows/qna/answer.txt")));

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.DoesNotContain(template.Messages.SelectMany(m => m.Segments), s => !s.IsHole && s.Text.Contains("# user:", StringComparison.Ordinal));
    }
}
