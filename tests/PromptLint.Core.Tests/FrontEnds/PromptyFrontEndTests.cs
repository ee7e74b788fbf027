using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class PromptyFrontEndTests
{
    private const string Path = "prompts/support/triage.prompty";

    // Prompty v1 as the Prompty docs show it: Azure OpenAI configuration, parameters, a sample, and a Jinja body.
    private const string V1 = """
        ---
        name: Contoso Support Triage
        description: Classifies a support ticket and drafts a first reply.
        authors:
          - support-platform
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_endpoint: ${env:AZURE_OPENAI_ENDPOINT}
            azure_deployment: gpt-4o-mini
            api_version: 2024-07-01-preview
          parameters:
            max_tokens: 800
            temperature: 0.2
        sample:
          customer:
            firstName: Jane
            tier: gold
          ticket: My order 1042 arrived damaged.
          history:
            - role: user
              content: Hi
        ---
        system:
        You are a support triage assistant for Contoso.
        {# Keep the policy short: it is sent on every call. #}
        Customer: {{customer.firstName}} ({{ customer.tier | upper }})

        {% for item in history %}
        {{item.role}}: {{item.content}}
        {% endfor %}

        user:
        {{ticket}}

        assistant:
        Category:
        """;

    // Prompty v2: model.id and model.options.maxOutputTokens.
    private const string V2 = """
        ---
        name: Travel Planner
        description: Plans a short city trip.
        model:
          id: gpt-4o
          provider: openai
          connection:
            kind: key
            endpoint: ${env:OPENAI_ENDPOINT}
          options:
            temperature: 0.7
            maxOutputTokens: 1200
        inputs:
          destination:
            kind: string
            default: Lisbon
        ---
        system:
        You plan trips. Answer in at most five bullet points.

        user:
        Plan three days in {{destination}}.
        """;

    private static PromptFileResult Read(string text, string path = Path) => PromptyFrontEnd.Read(Input(path, text));

    [Fact]
    public void PromptyV1WithAzureDeploymentAndMaxTokens_ReadsModelAndCap()
    {
        var template = Single(Read(V1));

        Assert.Equal("gpt-4o-mini", template.Model);
        Assert.Equal(800, template.OutputCap);
        Assert.Equal(Path, template.Id);
    }

    [Fact]
    public void PromptyV1ModelLocation_PointsAtDeploymentValue()
    {
        var template = Single(Read(V1));

        var location = Assert.NotNull(template.ModelLocation);
        Assert.Equal(Path, location.Path);
        Assert.Equal(11, location.Line);
        Assert.Equal(23, location.Column);
    }

    [Fact]
    public void PromptyV1Body_GivesSystemUserAssistantInOrder()
    {
        var template = Single(Read(V1));

        Assert.Equal(new[] { PromptRole.System, PromptRole.User, PromptRole.Assistant }, template.Messages.Select(m => m.Role));
        Assert.Equal(PromptRole.System, template.Role);
    }

    [Fact]
    public void PromptyV1Location_IsTheFirstRoleLine()
    {
        var template = Single(Read(V1));

        Assert.Equal(new SourceLocation(Path, 25, 1), template.Location);
    }

    [Fact]
    public void PromptyV1SystemSection_SplitsHolesFiltersBlocksAndDropsComment()
    {
        var system = Single(Read(V1)).Messages[0];

        Assert.Equal(
            new[]
            {
                S("You are a support triage assistant for Contoso.\n\nCustomer: "),
                H("customer.firstName"),
                S(" ("),
                H("customer.tier"),
                S(")\n\n"),
                // The loop is one hole: what it repeats is not sent as written.
                H("%for item in history%"),
            },
            Shape(system));
    }

    [Fact]
    public void PromptyV1UserAndAssistantSections_AreTrimmed()
    {
        var template = Single(Read(V1));

        Assert.Equal(new[] { H("ticket") }, Shape(template.Messages[1]));
        Assert.Equal(new[] { S("Category:") }, Shape(template.Messages[2]));
    }

    [Fact]
    public void PromptyV1Sample_IsNotPartOfThePrompt()
    {
        var template = Single(Read(V1));

        var all = string.Concat(template.Messages.SelectMany(m => m.Segments).Select(s => s.Text));
        Assert.DoesNotContain("1042", all);
        Assert.DoesNotContain("Jane", all);
    }

    [Fact]
    public void PromptyV1WithOpenAiConfigurationName_ReadsModelFromName()
    {
        const string text = """
            ---
            name: Summarize
            model:
              api: chat
              configuration:
                type: openai
                name: gpt-4o
                organization: ${env:OPENAI_ORG_ID}
              parameters:
                max_completion_tokens: 300
            ---
            Summarize {{document}} in three sentences.
            """;

        var template = Single(Read(text));

        Assert.Equal("gpt-4o", template.Model);
        Assert.Equal(new SourceLocation(Path, 7, 11), template.ModelLocation);
        Assert.Equal(300, template.OutputCap);
    }

    [Fact]
    public void PromptyV1WithDeploymentFromEnvironment_HasNoModel()
    {
        const string text = """
            ---
            name: Env deployment
            model:
              api: chat
              configuration:
                type: azure_openai
                azure_deployment: ${env:AZURE_OPENAI_DEPLOYMENT}
            ---
            user:
            {{question}}
            """;

        var template = Single(Read(text));

        Assert.Null(template.Model);
        Assert.Null(template.OutputCap);
    }

    [Fact]
    public void PromptyV2WithIdAndMaxOutputTokens_ReadsModelCapAndLocation()
    {
        var template = Single(Read(V2));

        Assert.Equal("gpt-4o", template.Model);
        Assert.Equal(new SourceLocation(Path, 5, 7), template.ModelLocation);
        Assert.Equal(1200, template.OutputCap);
        Assert.Equal(new SourceLocation(Path, 18, 1), template.Location);
    }

    [Fact]
    public void PromptyV2Body_ReadsSystemAndUserWithHole()
    {
        var template = Single(Read(V2));

        Assert.Collection(
            template.Messages,
            system =>
            {
                Assert.Equal(PromptRole.System, system.Role);
                Assert.Equal(new[] { S("You plan trips. Answer in at most five bullet points.") }, Shape(system));
            },
            user =>
            {
                Assert.Equal(PromptRole.User, user.Role);
                Assert.Equal(new[] { S("Plan three days in "), H("destination"), S(".") }, Shape(user));
            });
    }

    [Fact]
    public void PromptyWithoutModel_HasNoModelNoCapNoModelLocation()
    {
        const string text = """
            ---
            name: Bare
            ---
            system:
            Be brief.
            """;

        var template = Single(Read(text));

        Assert.Null(template.Model);
        Assert.Null(template.ModelLocation);
        Assert.Null(template.OutputCap);
    }

    [Fact]
    public void PromptyWithoutRoleLines_IsOneSystemMessageStartingBelowFrontMatter()
    {
        const string text = """
            ---
            name: No roles
            ---
            Translate {{text}} to French.
            """;

        var template = Single(Read(text));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.System, message.Role);
        Assert.Equal(new[] { S("Translate "), H("text"), S(" to French.") }, Shape(message));
        Assert.Equal(new SourceLocation(Path, 4, 1), template.Location);
    }

    [Fact]
    public void PromptyWithEmptyFirstSection_StartsAtTheFirstSectionWithText()
    {
        const string text = """
            ---
            name: Empty system
            ---
            system:

            user:
            {{question}}
            """;

        var template = Single(Read(text));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.User, message.Role);
        Assert.Equal(PromptRole.User, template.Role);
        Assert.Equal(6, template.Location.Line);
    }

    [Fact]
    public void PromptyCrlf_ReadsTheSameAsLf()
    {
        Assert.Equal(Dump(Read(V1)), Dump(Read(Crlf(V1))));
        Assert.Equal(Dump(Read(V2)), Dump(Read(Crlf(V2))));
    }

    [Fact]
    public void PromptyWithByteOrderMark_ReadsTheSameAsWithout()
    {
        Assert.Equal(Dump(Read(V2)), Dump(Read("\uFEFF" + V2)));
    }

    [Fact]
    public void MissingFrontMatter_ReportsLine1()
    {
        var result = Read("system:\nYou are helpful.\n");

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("front matter", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void UnclosedFrontMatter_ReportsLine1()
    {
        var result = Read("---\nname: Oops\nmodel:\n  id: gpt-4o\nsystem:\nYou are helpful.\n");

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("never closed", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void InvalidFrontMatterYaml_ReportsTheFileLineOfTheError()
    {
        // Line 3 of the file (line 2 of the front matter) has a second ': ' in a plain scalar.
        const string text = "---\nname: Summarizer\ndescription: Summarize: the text\nmodel:\n  id: gpt-4o\n---\nsystem:\nHi\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
    }

    [Fact]
    public void InvalidFrontMatterYaml_StillReadsTheBody()
    {
        const string text = "---\nname: 'unterminated\n---\nsystem:\nHi {{name}}\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(2, problem.Line);
        var template = Assert.Single(result.Templates);
        Assert.Equal(new[] { S("Hi "), H("name") }, Shape(template.Messages[0]));
    }

    [Fact]
    public void UnclosedFlowSequenceInFrontMatter_ReportsItsLineWithoutThrowing()
    {
        // YamlDotNet fails on this one with InvalidOperationException rather than a YamlException.
        const string text = """
            ---
            name: Broken
            model:
              api: chat
              parameters: [max_tokens, 800
              configuration:
                type: openai
            ---
            system:
            Hi
            """;

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-200")]
    [InlineData("800.5")]
    [InlineData("lots")]
    [InlineData("99999999999")]
    [InlineData("[800]")]
    public void PromptyV1MaxTokensNotAPositiveWholeNumber_ReportsLineOfTheValue(string value)
    {
        var text = $"---\nname: Bad cap\nmodel:\n  api: chat\n  parameters:\n    max_tokens: {value}\n---\nsystem:\nHi\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(6, problem.Line);
        Assert.Equal(17, problem.Column);
        Assert.Contains("max_tokens", problem.Message);
        Assert.Null(Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void PromptyV2MaxOutputTokensZero_ReportsLineOfTheValue()
    {
        var text = V2.Replace("maxOutputTokens: 1200", "maxOutputTokens: 0");

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(12, problem.Line);
        Assert.Contains("maxOutputTokens", problem.Message);
    }

    [Fact]
    public void PromptyWithValidMaxTokensAndBadMaxCompletionTokens_ReportsTheBadOne()
    {
        const string text = "---\nmodel:\n  parameters:\n    max_tokens: 500\n    max_completion_tokens: none\n---\nHi\n";

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(5, problem.Line);
        Assert.Contains("max_completion_tokens", problem.Message);
        Assert.Equal(500, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void PromptyFrontMatterThatIsAList_ReportsLine2()
    {
        var result = Read("---\n- a\n- b\n---\nHi\n");

        var problem = SingleProblem(result);
        Assert.Equal(2, problem.Line);
        Assert.Contains("mapping", problem.Message);
    }

    [Fact]
    public void PromptyWithNothingAfterFrontMatter_ReportsLineBelowIt()
    {
        var result = Read("---\nname: Empty body\n---\n\n   \n");

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Empty(result.Templates);
    }
}
