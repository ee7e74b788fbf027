using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29, fourth held-out round, through the packed package: a consumer with a Promptflow flow whose LLM node names
/// a Markdown template (<c>answer.md</c>) finds and measures it as Jinja with no configuration, exactly as the same text
/// in a <c>.jinja2</c> file, and takes no other Markdown file of the flow; a skill file that is valid UTF-8 but holds
/// U+FFFD characters (a lossy copy's marks) is measured, not reported as "not UTF-8".
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class PromptflowTemplateAndLossyCopyTests
{
    private const string Template = "system:\nYou answer questions about the Contoso return policy in two sentences or fewer.\n\n{% for doc in documents %}\n{{doc.content}}\n{% endfor %}\n\nuser:\n{{question}}\n";

    private readonly PackageFeed _feed;

    public PromptflowTemplateAndLossyCopyTests(PackageFeed feed) => _feed = feed;

    private static string FlowNaming(string template)
        => $"inputs:\n  question:\n    type: string\nnodes:\n- name: answer\n  type: llm\n  source:\n    type: code\n    path: {template}\n  inputs:\n    question: ${{inputs.question}}\n  api: chat\n- name: fetch\n  type: python\n  source:\n    type: code\n    path: fetch.py\n";

    [Fact]
    public void MarkdownTemplateNamedByAFlow_IsMeasuredAsJinja_AndAValidFileWithU_FFFDIsNotMalformed()
    {
        var consumer = _feed.NewConsumer("Contoso.Flows");
        consumer.Write("flows/qna/flow.dag.yaml", FlowNaming("answer.md"));
        consumer.Write("flows/qna/answer.md", Template);
        consumer.Write("flows/qna/notes.md", "Ideas for the next version of the flow.\n");
        consumer.Write("flows/twin/flow.dag.yaml", FlowNaming("answer.jinja2"));
        consumer.Write("flows/twin/answer.jinja2", Template);
        consumer.Write("skills/dates/SKILL.md", "---\nname: dates\ndescription: Date handling\n---\n\n\uFFFD Wrong: parse local time.\n\uFFFD Right: parse, then convert to UTC.\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(
            new[] { "flows/qna/answer.md", "flows/twin/answer.jinja2", "skills/dates/SKILL.md" },
            measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        // Read as Jinja: role lines and the loop are not prompt text, so the .md counts what the .jinja2 counts.
        Assert.Equal(measured["flows/twin/answer.jinja2"], measured["flows/qna/answer.md"]);
        Assert.True(measured["skills/dates/SKILL.md"] > 0);
    }
}
