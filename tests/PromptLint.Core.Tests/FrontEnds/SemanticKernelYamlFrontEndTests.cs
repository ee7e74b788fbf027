using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class SemanticKernelYamlFrontEndTests
{
    private const string Path = "Prompts/GenerateStory.yaml";

    // The prompt YAML shape of the Semantic Kernel docs, with the default service listed after a named one.
    private const string Story = """
        name: GenerateStory
        description: Writes a short story for a given audience.
        template: |
          <message role="system">You are a storyteller who writes for {{$audience}}.</message>
          <message role="user">Write a {{$length}}-sentence story about {{$topic}}.</message>
        template_format: semantic-kernel
        input_variables:
          - name: audience
            description: Who the story is for.
            default: children
          - name: topic
            description: The topic of the story.
            is_required: true
          - name: length
            description: The number of sentences in the story.
            is_required: true
        output_variable:
          description: The generated story.
        execution_settings:
          azure_gpt4o:
            model_id: gpt-4o
            max_completion_tokens: 1000
            temperature: 0.8
          default:
            max_tokens: 400
            temperature: 0.6
        """;

    private const string Handlebars = """
        name: ContosoChat
        description: Answers Contoso Outdoors customer questions.
        template_format: handlebars
        template: |
          <message role="system">
              You are an AI agent for the Contoso Outdoors products retailer.
              {{! Keep the persona short: it is sent on every call. }}
              # Customer Context
              First Name: {{customer.first_name}}
              Membership Status: {{customer.membership}}
          </message>
          {{#each history}}
          <message role="{{role}}">
              {{content}}
          </message>
          {{/each}}
          <message role="user">
              {{request}}
          </message>
        input_variables:
          - name: customer
            allow_dangerously_set_content: true
          - name: history
          - name: request
        execution_settings:
          default:
            max_tokens: 600
        """;

    private const string Liquid = """
        name: ContosoChatLiquid
        template_format: liquid
        template: |
          <message role="system">
          You are an AI agent for Contoso Outdoors. Greet {{ customer.first_name | capitalize }} by name.
          {% if customer.membership == "Gold" %}Offer free shipping.{% endif %}
          </message>
          <message role="user">{{ request }}</message>
        execution_settings:
          default:
            max_completion_tokens: 250
        """;

    private static PromptFileResult Read(string text) => SemanticKernelFrontEnd.ReadYaml(Input(Path, text));

    [Fact]
    public void SkYamlWithMessageTags_ReadsSystemThenUser()
    {
        var template = Single(Read(Story));

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Equal(PromptRole.System, template.Role);
        Assert.Equal(Path, template.Id);
    }

    [Fact]
    public void SkYamlSemanticKernelFormat_SplitsDollarHoles()
    {
        var template = Single(Read(Story));

        Assert.Equal(new[] { S("You are a storyteller who writes for "), H("audience"), S(".") }, Shape(template.Messages[0]));
        Assert.Equal(new[] { S("Write a "), H("length"), S("-sentence story about "), H("topic"), S(".") }, Shape(template.Messages[1]));
    }

    [Fact]
    public void SkYamlExecutionSettings_DefaultCapWinsAndModelComesFromTheOtherService()
    {
        var template = Single(Read(Story));

        Assert.Equal(400, template.OutputCap);
        Assert.Equal("gpt-4o", template.Model);
        Assert.Equal(new SourceLocation(Path, 21, 15), template.ModelLocation);
    }

    [Fact]
    public void SkYamlOnlyMaxCompletionTokens_ReadsCap()
    {
        var template = Single(Read(Liquid));

        Assert.Equal(250, template.OutputCap);
        Assert.Null(template.Model);
        Assert.Null(template.ModelLocation);
    }

    [Fact]
    public void SkYamlTemplateLocation_IsTheTemplateKeyLine()
    {
        Assert.Equal(new SourceLocation(Path, 3, 1), Single(Read(Story)).Location);
        Assert.Equal(4, Single(Read(Handlebars)).Location.Line);
    }

    [Fact]
    public void SkYamlHandlebars_SplitsMustacheHolesAndDropsComment()
    {
        var template = Single(Read(Handlebars));

        var system = template.Messages[0];
        Assert.Equal(PromptRole.System, system.Role);
        Assert.Equal(
            new[]
            {
                S("You are an AI agent for the Contoso Outdoors products retailer.\n    \n    # Customer Context\n    First Name: "),
                H("customer.first_name"),
                S("\n    Membership Status: "),
                H("customer.membership"),
            },
            Shape(system));

        var user = template.Messages[template.Messages.Count - 1];
        Assert.Equal(PromptRole.User, user.Role);
        Assert.Equal(new[] { H("request") }, Shape(user));
        Assert.Equal(600, template.OutputCap);
    }

    [Fact]
    public void SkYamlLiquid_SplitsFilteredHolesAndTags()
    {
        var system = Single(Read(Liquid)).Messages[0];

        Assert.Equal(
            new[]
            {
                S("You are an AI agent for Contoso Outdoors. Greet "),
                H("customer.first_name"),
                S(" by name.\n"),
                H("%if customer.membership == \"Gold\"%"),
                S("Offer free shipping."),
                H("%endif%"),
            },
            Shape(system));
    }

    [Fact]
    public void SkYamlWithoutMessageTags_IsOneUserMessage()
    {
        const string text = """
            name: Summarize
            template: |
              Summarize the following text in {{$sentences}} sentences:
              {{$input}}
            """;

        var template = Single(Read(text));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.User, message.Role);
        Assert.Equal(new[] { S("Summarize the following text in "), H("sentences"), S(" sentences:\n"), H("input") }, Shape(message));
        Assert.Null(template.OutputCap);
        Assert.Null(template.Model);
    }

    [Fact]
    public void SkYamlFunctionCall_IsAHoleNamedAfterTheFunction()
    {
        const string text = """
            name: Forecast
            template: "Today in {{$city}}: {{weather.getForecast $city}}. Answer briefly."
            """;

        var template = Single(Read(text));

        Assert.Equal(new[] { "city", "weather.getForecast" }, HoleNames(template));
        Assert.Equal(2, template.Location.Line);
    }

    [Fact]
    public void SkYamlCrlf_ReadsTheSameAsLf()
    {
        Assert.Equal(Dump(Read(Story)), Dump(Read(Crlf(Story))));
        Assert.Equal(Dump(Read(Handlebars)), Dump(Read(Crlf(Handlebars))));
        Assert.Equal(Dump(Read(Liquid)), Dump(Read(Crlf(Liquid))));
    }

    [Fact]
    public void SkYamlWithoutTemplate_ReportsLine1AndNoTemplate()
    {
        const string text = """
            name: GenerateStory
            description: Forgot the template.
            template_format: semantic-kernel
            execution_settings:
              default:
                max_tokens: 400
            """;

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("'template'", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void SkYamlTemplateThatIsAMapping_ReportsItsLine()
    {
        const string text = "name: Odd\ntemplate:\n  text: hello\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(3, problem.Line);
        Assert.Contains("must be text", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void SkYamlInvalidYaml_ReportsLineOfTheError()
    {
        const string text = "name: Summarize\ndescription: Summarize: the text\ntemplate: hi\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(2, problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void SkYamlUnclosedFlowSequence_ReportsItsLineWithoutThrowing()
    {
        const string text = """
            name: Broken
            template: hi
            execution_settings:
              default:
                stop_sequences: ["###"
                max_tokens: 400
            """;

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(5, problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("400.0")]
    [InlineData("four hundred")]
    [InlineData("")]
    public void SkYamlDefaultMaxTokensNotAPositiveWholeNumber_ReportsLineOfTheValue(string value)
    {
        var text = Story.Replace("max_tokens: 400", "max_tokens: " + value);

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(25, problem.Line);
        Assert.Contains("max_tokens", problem.Message);
    }

    [Fact]
    public void SkYamlDefaultMaxTokensInvalid_FallsBackToTheOtherServiceCap()
    {
        var result = Read(Story.Replace("max_tokens: 400", "max_tokens: 0"));

        Assert.Equal(1000, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void SkYamlBadCapInSecondServiceAfterValidDefault_StillReportsIt()
    {
        var result = Read(Story.Replace("max_completion_tokens: 1000", "max_completion_tokens: -5"));

        var problem = SingleProblem(result);
        Assert.Equal(22, problem.Line);
        Assert.Contains("max_completion_tokens", problem.Message);
        Assert.Equal(400, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void SkYamlThatIsAList_ReportsMappingProblem()
    {
        var result = Read("- name: a\n- name: b\n");

        var problem = SingleProblem(result);
        Assert.Equal(1, problem.Line);
        Assert.Contains("mapping", problem.Message);
    }

    [Fact]
    public void SkYamlOnlyComments_ReportsEmpty()
    {
        var result = Read("# TODO: write the prompt\n");

        var problem = SingleProblem(result);
        Assert.Equal(1, problem.Line);
        Assert.Contains("empty", problem.Message);
    }

    [Fact]
    public void PromptYamlWithExecutionSettingsList_ReadsCapOfTheFirstSettings()
    {
        const string yaml = """
            name: Shorten
            template: Shorten this text to one sentence. {{$input}}
            execution_settings:
              - max_tokens: 320
                temperature: 0.2
              - max_tokens: 900
            """;

        var result = SemanticKernelFrontEnd.ReadYaml(Input(Path, yaml));

        Assert.Empty(result.Problems);
        Assert.Equal(320, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void AddOutputCap_ToExecutionSettingsList_OffersNoEditRatherThanASecondKey()
    {
        const string yaml = "name: Shorten\ntemplate: Shorten this text. {{$input}}\nexecution_settings:\n  - temperature: 0.2\n";

        Assert.Null(PromptFileEdits.AddOutputCap(PromptFileKind.SemanticKernelYaml, yaml, 1024));
    }
}

