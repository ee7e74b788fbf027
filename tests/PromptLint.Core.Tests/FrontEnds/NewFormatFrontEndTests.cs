using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>Jinja, Handlebars and agent/Copilot files read as their tools send them (issue 29).</summary>
public class NewFormatFrontEndTests
{
    private static PromptTemplate Read(string path, string text, PromptFileKind kind, Func<string, (string Path, string Text)?>? companions = null)
        => Single(PromptFileReader.Read(Input(path, text, companions), kind));

    [Fact]
    public void PromptflowRoleLines_SplitAJinjaFileIntoTrimmedMessages()
    {
        var template = Read("flows/chat.jinja2", "# System:\nYou are a helpful assistant.\n\n# user:\n{{question}}\n", PromptFileKind.Jinja);

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Equal(new[] { S("You are a helpful assistant.") }, Shape(template.Messages[0]));
        Assert.Equal(new[] { H("question") }, Shape(template.Messages[1]));
        Assert.Equal(2, template.Location.Line);
    }

    [Fact]
    public void MarkdownHeadingsThatAreNotRoles_StayText()
    {
        var template = Read("flows/eval.jinja2", "# System:\nRate it.\n# Examples:\nInput: 1\n# Tips:\nBe fair.\n", PromptFileKind.Jinja);

        var message = Assert.Single(template.Messages);
        Assert.Equal("Rate it.\n# Examples:\nInput: 1\n# Tips:\nBe fair.", Assert.Single(message.Segments).Text);
    }

    [Fact]
    public void FStringBracesInAJinjaFile_AreNotHoles()
    {
        var template = Read("prompts/example.j2", "Run this:\nprint(f'<td>{i}</td>')\nfor {{ task }}\n", PromptFileKind.Jinja);

        Assert.Equal(new[] { "task" }, HoleNames(template));
    }

    [Fact]
    public void JinjaWithoutRoleLines_IsOneSystemMessage_WithoutTheTrailingNewlineJinjaDrops()
    {
        var template = Read("prompts/system.j2", "You are an agent.\n", PromptFileKind.Jinja);

        Assert.Equal(PromptRole.System, template.Role);
        Assert.Equal("You are an agent.", Assert.Single(Assert.Single(template.Messages).Segments).Text);
    }

    [Fact]
    public void IncludeOfAStaticFileBeside_IsStaticText_NotAHole()
    {
        var companions = new Func<string, (string, string)?>(name => name == "system_prompt.j2" ? ("prompts/system_prompt.j2", "Never delete files.\n") : null);

        var template = Read("prompts/interactive.j2", "{% include \"system_prompt.j2\" %}\n\nAsk before acting.\n", PromptFileKind.Jinja, companions);

        Assert.Empty(HoleNames(template));
        Assert.Equal("Never delete files.\n\nAsk before acting.", string.Concat(template.Messages.SelectMany(m => m.Segments).Select(s => s.Text)));
    }

    [Fact]
    public void IncludeThatCannotBeRead_AddsNothing_RatherThanAHole()
    {
        var template = Read("prompts/interactive.j2", "{% include 'missing.j2' %}\nAsk before acting.\n", PromptFileKind.Jinja);

        Assert.Empty(HoleNames(template));
    }

    [Fact]
    public void IncludeCycle_Stops()
    {
        var companions = new Func<string, (string, string)?>(name => ("prompts/" + name, "loop {% include 'a.j2' %}"));

        var template = Read("prompts/a.j2", "{% include 'a.j2' %}", PromptFileKind.Jinja, companions);

        Assert.NotEmpty(template.Messages);
    }

    [Fact]
    public void HandlebarsMessageTags_AreMessages()
    {
        var template = Read("templates/review.hbs", "<message role=\"system\">\nReview {{lang}} code.\n</message>\n\n<message role=\"user\">\n{{code}}\n</message>\n", PromptFileKind.Handlebars);

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Equal(new[] { S("Review "), H("lang"), S(" code.") }, Shape(template.Messages[0]));
        Assert.Equal(2, template.Location.Line);
    }

    [Fact]
    public void AgentFrontMatter_IsConfigurationNeverSent()
    {
        const string text = "---\nname: Context7\ntools: ['read']\nheaders: {\"KEY\": \"${{ secrets.KEY }}\"}\n---\n\nYou are an expert in {library} docs.\n";

        var template = Read("agents/context7.agent.md", text, PromptFileKind.Agent);

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.System, message.Role);
        Assert.Equal(new[] { S("You are an expert in {library} docs.") }, Shape(message));
        Assert.Equal(7, template.Location.Line);
    }

    [Fact]
    public void AgentHoles_AreArgumentsInputsAndExpressions_NotBraces()
    {
        const string text = "---\ndescription: Plan\n---\n## User Input\n\n```text\n$ARGUMENTS\n```\n\nExplain ${input:topic:a topic} for {{audience}} in ${{ github.repository }}.\n";

        var template = Read("templates/commands/plan.md", text, PromptFileKind.Agent);

        Assert.Equal(new[] { "ARGUMENTS", "topic", "github.repository" }, HoleNames(template));
        Assert.Equal(PromptRole.User, template.Role);
    }

    [Fact]
    public void AgentFileWithoutFrontMatter_IsAllBody()
    {
        var template = Read("AGENTS.md", "Run the tests.\n---\nThen commit.\n", PromptFileKind.Agent);

        Assert.Equal("Run the tests.\n---\nThen commit.", Assert.Single(Assert.Single(template.Messages).Segments).Text);
    }

    [Fact]
    public void AgentFileOfFrontMatterOnly_GivesNothingAndNoProblem()
    {
        var result = PromptFileReader.Read(Input("x.agent.md", "---\nname: x\n---\n"), PromptFileKind.Agent);

        Assert.Empty(result.Problems);
        Assert.Empty(result.Templates);
    }

    // Regression (issue 29): Promptflow's loader accepts blank lines before the opening '---'; they were PL0101.
    [Fact]
    public void PromptyWithBlankLinesBeforeFrontMatter_ReadsWithItsSettings()
    {
        var template = Read("eval.prompty", "\n\n---\nmodel:\n  parameters:\n    max_tokens: 50\n---\nsystem:\nRate it.\n", PromptFileKind.Prompty, null);

        Assert.Equal(PromptRole.System, template.Role);
        Assert.Equal(50, template.OutputCap);
        Assert.Equal(8, template.Location.Line);
    }

    [Fact]
    public void PromptyWithBlankLinesBeforeFrontMatter_ReportsProblemsAtTheirLines()
    {
        var result = PromptFileReader.Read(Input("eval.prompty", "\n\n---\nmodel:\n  parameters:\n    max_tokens: lots\n---\nsystem:\nRate it.\n"), PromptFileKind.Prompty);

        Assert.Equal(6, SingleProblem(result).Line);
    }

    // Regression (issue 29): the GitHub Models tooling reads modelParameters.max_tokens too; PL0003 fired on capped prompts.
    [Theory]
    [InlineData("max_tokens", "modelParameters.max_tokens")]
    [InlineData("maxTokens", "modelParameters.maxTokens")]
    public void PromptYmlCap_IsReadInBothSpellings(string key, string setting)
    {
        var template = Read("a.prompt.yml", $"model: openai/gpt-4o\nmodelParameters:\n  {key}: 300\nmessages:\n  - role: user\n    content: Hi\n", PromptFileKind.GitHubModels);

        Assert.Equal(300, template.OutputCap);
        Assert.Equal(OutputCapStatus.Declared, template.OutputCapStatus);
        Assert.Equal(setting, template.OutputCapSetting);
    }

    // Regression (issue 29): a jsonSchema response format is sent with every call; it was not counted.
    [Theory]
    [InlineData("jsonSchema: |-\n  {\n    \"name\": \"animal\",\n    \"strict\": true,\n    \"schema\": { \"type\": \"object\", \"properties\": { \"name\": { \"type\": \"string\" } } }\n  }\n")]
    [InlineData("jsonSchema:\n  name: animal\n  strict: true\n  schema:\n    type: object\n    properties:\n      name:\n        type: string\n")]
    public void PromptYmlJsonSchema_CountsTowardTheFootprint(string schema)
    {
        const string head = "model: openai/gpt-4o\nresponseFormat: json_schema\nmessages:\n  - role: user\n    content: Describe a cat\n";
        var with = Read("a.prompt.yml", head + schema, PromptFileKind.GitHubModels);
        var without = Read("a.prompt.yml", head, PromptFileKind.GitHubModels);

        const string wire = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"animal\",\"strict\":true,\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}";
        Assert.Equal(wire, with.ResponseFormatJson);
        var measured = PromptLint.Core.Measuring.PromptMeasurer.Shared.Measure(with, null);
        var bare = PromptLint.Core.Measuring.PromptMeasurer.Shared.Measure(without, null);
        Assert.Equal(bare.StaticTokens + PromptLint.Counting.Tokenizers.TokenizerRegistry.Shared.Count("o200k_base", wire), measured.StaticTokens);
        Assert.NotEqual(bare.ContentHash, measured.ContentHash);
    }

    // Regression (issue 29): literal `{placeholder}` in inline code was taken for a hole (79 false holes in 16 files).
    [Fact]
    public void SingleBracesInInlineCode_AreTextInAPlainTemplate()
    {
        var template = Read("Prompts/guide.md", "Replace `{name}` and ``{id}`` in the URL `/users/{id}`; the user is {user}.\n```\n{code}\n```\nAnswer {{question}} about `{{topic}}`.\n", PromptFileKind.Text);

        Assert.Equal(new[] { "user", "question", "topic" }, HoleNames(template));
    }

    [Fact]
    public void UnclosedBacktick_LeavesTheRestOfTheLineATemplate()
    {
        var template = Read("Prompts/guide.md", "Use {user}; a lone ` opens no code span.\n", PromptFileKind.Text);

        Assert.Equal(new[] { "user" }, HoleNames(template));
    }

    [Fact]
    public void EmptyConfigJsonBesideSkPrompt_DeclaresNothing_AndIsNoProblem()
    {
        var companions = new Func<string, (string, string)?>(name => name == "config.json" ? ("p/qa/config.json", string.Empty) : null);

        var template = Read("p/qa/skprompt.txt", "Generate questions about {{$input}}.\n", PromptFileKind.SemanticKernelPrompt, companions);

        Assert.Null(template.OutputCap);
    }
}
