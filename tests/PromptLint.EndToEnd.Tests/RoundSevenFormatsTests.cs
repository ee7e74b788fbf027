using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29, held-out rounds 6 and 7, through the packed package with no configuration: a Promptflow template named by
/// its flow that no glob takes (<c>answer.txt</c> beside the flow) is measured as Jinja and the flow's
/// <c>requirements.txt</c> is not; a Claude Code output style, prompt YAML of a team's own shape in
/// <c>.github/prompts/</c> and an OpenAI function tool written as YAML are measured; a project without a flow is handed
/// no flow-folder files. Content invented for the tests.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class RoundSevenFormatsTests
{
    private const string Template = "system:\nYou answer questions about the Contoso return policy in two sentences or fewer.\n\n{% for doc in documents %}\n{{doc.content}}\n{% endfor %}\n\nuser:\n{{question}}\n";

    private readonly PackageFeed _feed;

    public RoundSevenFormatsTests(PackageFeed feed) => _feed = feed;

    private static string FlowNaming(string template)
        => $"nodes:\n- name: answer\n  type: llm\n  source:\n    type: code\n    path: {template}\n  api: chat\n- name: fetch\n  type: python\n  source:\n    type: code\n    path: fetch.py\n";

    [Fact]
    public void RoundSevenShapes_AreFoundAndMeasuredByDefault()
    {
        var consumer = _feed.NewConsumer("Contoso.RoundSeven");
        consumer.Write("flows/qna/flow.dag.yaml", FlowNaming("answer.txt"));
        consumer.Write("flows/qna/answer.txt", Template);
        consumer.Write("flows/qna/requirements.txt", "promptflow\n");
        consumer.Write("flows/twin/flow.dag.yaml", FlowNaming("answer.jinja2"));
        consumer.Write("flows/twin/answer.jinja2", Template);
        consumer.Write(".claude/output-styles/terse.md", "---\nname: Terse\ndescription: Short answers\n---\nAnswer in as few words as the question allows.\n");
        consumer.Write(".github/prompts/review.yml", "name: Review\ninput:\n  - role: system\n    content: |\n      You review pull requests for the payments service.\n  - role: user\n    content: |\n      Review this diff:\n      {{ diff }}\n");
        consumer.Write(".github/prompts/lint.yml", "name: lint\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n");
        consumer.Write("tool_functions/book_room.yaml", "type: function\nfunction:\n  name: book_room\n  description: Books a meeting room.\n  parameters:\n    type: object\n    properties:\n      room:\n        type: string\n    required:\n      - room\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(
            new[] { ".claude/output-styles/terse.md", ".github/prompts/review.yml", "flows/qna/answer.txt", "flows/twin/answer.jinja2", "tool_functions/book_room.yaml" },
            measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        // Read as Jinja: the .txt counts what the .jinja2 counts.
        Assert.Equal(measured["flows/twin/answer.jinja2"], measured["flows/qna/answer.txt"]);
    }
}
