using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class GitHubModelsFrontEndTests
{
    private const string Path = ".github/prompts/summarize.prompt.yml";

    // The .prompt.yml shape of the GitHub Models docs: model, parameters, messages, test data and evaluators.
    private const string Summarizer = """
        name: Text Summarizer
        description: Summarizes input text concisely
        model: openai/gpt-4o-mini
        modelParameters:
          temperature: 0.5
          maxTokens: 300
        messages:
          - role: system
            content: You are a text summarizer. Your only job is to summarize text given to you.
          - role: user
            content: |
              Summarize the given text, beginning with "Summary -":
              <text>
              {{input}}
              </text>
        testData:
          - input: |
              The quick brown fox jumped over the lazy dog.
              The dog was too tired to react.
            expected: Summary - A fox jumped over a lazy, unresponsive dog.
        evaluators:
          - name: Output should start with 'Summary -'
            string:
              startsWith: 'Summary -'
        """;

    private static PromptFileResult Read(string text) => GitHubModelsFrontEnd.Read(Input(Path, text));

    [Fact]
    public void PromptYmlWithModelAndMaxTokens_ReadsModelCapAndModelLocation()
    {
        var template = Single(Read(Summarizer));

        Assert.Equal("openai/gpt-4o-mini", template.Model);
        Assert.Equal(new SourceLocation(Path, 3, 8), template.ModelLocation);
        Assert.Equal(300, template.OutputCap);
        Assert.Equal(Path, template.Id);
    }

    [Fact]
    public void PromptYmlLocation_IsTheFirstMessage()
    {
        var template = Single(Read(Summarizer));

        Assert.Equal(new SourceLocation(Path, 8, 5), template.Location);
    }

    [Fact]
    public void PromptYmlMessages_KeepRolesAndSplitMustacheHoles()
    {
        var template = Single(Read(Summarizer));

        Assert.Collection(
            template.Messages,
            system =>
            {
                Assert.Equal(PromptRole.System, system.Role);
                Assert.Equal(new[] { S("You are a text summarizer. Your only job is to summarize text given to you.") }, Shape(system));
            },
            user =>
            {
                Assert.Equal(PromptRole.User, user.Role);
                Assert.Equal(
                    new[] { S("Summarize the given text, beginning with \"Summary -\":\n<text>\n"), H("input"), S("\n</text>\n") },
                    Shape(user));
            });
        Assert.Equal(PromptRole.System, template.Role);
    }

    [Fact]
    public void PromptYmlTestData_IsNotPartOfThePrompt()
    {
        var template = Single(Read(Summarizer));

        var all = string.Concat(template.Messages.SelectMany(m => m.Segments).Select(s => s.Text));
        Assert.DoesNotContain("quick brown fox", all);
        Assert.DoesNotContain("startsWith", all);
    }

    [Fact]
    public void PromptYmlWithAssistantExample_ReadsAssistantRole()
    {
        const string text = """
            name: Classifier
            model: openai/gpt-4.1
            messages:
              - role: system
                content: Classify the sentiment of the review as positive, negative or neutral.
              - role: user
                content: The battery died after a day.
              - role: assistant
                content: negative
              - role: user
                content: '{{review}}'
            """;

        var template = Single(Read(text));

        Assert.Equal(new[] { PromptRole.System, PromptRole.User, PromptRole.Assistant, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Equal(new[] { H("review") }, Shape(template.Messages[3]));
        Assert.Null(template.OutputCap);
    }

    [Fact]
    public void PromptYmlWithoutModel_HasNoModelAndNoModelLocation()
    {
        const string text = "name: Bare\nmessages:\n  - role: user\n    content: Hello {{name}}\n";

        var template = Single(Read(text));

        Assert.Null(template.Model);
        Assert.Null(template.ModelLocation);
        Assert.Equal(new SourceLocation(Path, 3, 5), template.Location);
    }

    [Fact]
    public void PromptYmlCrlf_ReadsTheSameAsLf()
    {
        Assert.Equal(Dump(Read(Summarizer)), Dump(Read(Crlf(Summarizer))));
    }

    [Fact]
    public void PromptYmlWithoutMessages_ReportsLine1AndNoTemplate()
    {
        const string text = "name: No messages\nmodel: openai/gpt-4o-mini\nmodelParameters:\n  maxTokens: 100\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("'messages'", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void PromptYmlWithEmptyMessageList_ReportsLine1()
    {
        var problem = SingleProblem(Read("name: Empty\nmodel: openai/gpt-4o-mini\nmessages: []\n"));

        Assert.Equal(1, problem.Line);
        Assert.Contains("'messages'", problem.Message);
    }

    [Fact]
    public void PromptYmlMessageWithoutRole_ReportsLineOfThatMessage()
    {
        const string text = """
            name: Missing role
            model: openai/gpt-4o-mini
            messages:
              - role: system
                content: Be brief.
              - content: "{{question}}"
            """;

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(6, problem.Line);
        Assert.Contains("'role'", problem.Message);
        var template = Assert.Single(result.Templates);
        Assert.Single(template.Messages);
    }

    [Fact]
    public void PromptYmlMessageWithoutContent_ReportsLineOfThatMessage()
    {
        const string text = """
            name: Missing content
            messages:
              - role: system
              - role: user
                content: Hi
            """;

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(3, problem.Line);
        Assert.Contains("'content'", problem.Message);
        Assert.Equal(new SourceLocation(Path, 4, 5), Assert.Single(result.Templates).Location);
    }

    [Fact]
    public void PromptYmlMessageWithUnknownRole_ReportsLineOfThatMessage()
    {
        const string text = "messages:\n  - role: narrator\n    content: Once upon a time\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(2, problem.Line);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void PromptYmlMessageThatIsText_ReportsLineOfThatMessage()
    {
        const string text = "messages:\n  - role: user\n    content: Hi\n  - just some text\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(4, problem.Line);
        Assert.Single(Assert.Single(result.Templates).Messages);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-300")]
    [InlineData("300.5")]
    [InlineData("plenty")]
    public void PromptYmlMaxTokensNotAPositiveWholeNumber_ReportsLineOfTheValue(string value)
    {
        var result = Read(Summarizer.Replace("maxTokens: 300", "maxTokens: " + value));

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(6, problem.Line);
        Assert.Equal(14, problem.Column);
        Assert.Contains("maxTokens", problem.Message);
        Assert.Null(Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void PromptYmlModelThatIsAMapping_ReportsItsLine()
    {
        const string text = "model:\n  id: openai/gpt-4o\nmessages:\n  - role: user\n    content: Hi\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(2, problem.Line);
        Assert.Null(Assert.Single(result.Templates).Model);
    }

    [Fact]
    public void PromptYmlInvalidYaml_ReportsLineOfTheError()
    {
        const string text = "name: Broken\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: user\n    content: 'never closed\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
        Assert.Empty(result.Templates);
    }
}
