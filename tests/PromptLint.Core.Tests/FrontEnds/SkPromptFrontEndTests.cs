using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class SkPromptFrontEndTests
{
    private const string PromptPath = "Plugins/FunPlugin/Joke/skprompt.txt";
    private const string ConfigPath = "Plugins/FunPlugin/Joke/config.json";

    // The Joke function of Semantic Kernel's FunPlugin sample.
    private const string Joke = """
        WRITE EXACTLY ONE JOKE or HUMOROUS STORY ABOUT THE TOPIC BELOW

        JOKE MUST BE:
        - G RATED
        - WORKPLACE/FAMILY SAFE
        NO SEXISM, RACISM OR OTHER BIAS/BIGOTRY

        BE CREATIVE AND FUNNY. I WANT TO LAUGH.
        Incorporate the style suggestion, if provided: {{$style}}
        +++++

        {{$input}}
        +++++

        """;

    // Schema 1 with execution_settings: a default service and a model-specific one.
    private const string ExecutionSettingsConfig = """
        {
          "schema": 1,
          "description": "Generate a funny joke",
          "execution_settings": {
            "default": {
              "max_tokens": 1000,
              "temperature": 0.9,
              "top_p": 0.0,
              "presence_penalty": 0.0,
              "frequency_penalty": 0.0
            },
            "gpt-4o-mini": {
              "model_id": "gpt-4o-mini",
              "max_completion_tokens": 300
            }
          },
          "input_variables": [
            { "name": "input", "description": "Joke subject", "default": "" },
            { "name": "style", "description": "Give a hint about the desired joke style", "default": "" }
          ]
        }
        """;

    // The older shape: settings under "completion".
    private const string CompletionConfig = """
        {
          "schema": 1,
          "type": "completion",
          "description": "Generate a funny joke",
          "completion": {
            "max_tokens": 500,
            "temperature": 0.9,
            "top_p": 0.0,
            "presence_penalty": 0.0,
            "frequency_penalty": 0.0
          },
          "input": {
            "parameters": [
              { "name": "input", "description": "Joke subject", "defaultValue": "" }
            ]
          }
        }
        """;

    private static PromptFileResult Read(string prompt, string? config)
        => SemanticKernelFrontEnd.ReadSkPrompt(Input(PromptPath, prompt, name => name == "config.json" && config is not null ? (ConfigPath, config) : null));

    [Fact]
    public void SkPromptWithSchema1ExecutionSettings_ReadsDefaultCapAndModel()
    {
        var template = Single(Read(Joke, ExecutionSettingsConfig));

        Assert.Equal(1000, template.OutputCap);
        Assert.Equal("gpt-4o-mini", template.Model);
    }

    [Fact]
    public void SkPromptModelFromConfig_HasNoLocationInThePromptFile()
    {
        var template = Single(Read(Joke, ExecutionSettingsConfig));

        Assert.Null(template.ModelLocation);
    }

    [Fact]
    public void SkPromptWithOlderCompletionConfig_ReadsCap()
    {
        var template = Single(Read(Joke, CompletionConfig));

        Assert.Equal(500, template.OutputCap);
        Assert.Null(template.Model);
    }

    // The trailing newline is sent (issue 29: Semantic Kernel sends the file as it reads it; it was trimmed, 39 vs 40 tokens).
    [Fact]
    public void SkPrompt_IsOneUserMessageWithDollarHoles()
    {
        var template = Single(Read(Joke, ExecutionSettingsConfig));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.User, message.Role);
        Assert.Equal(PromptRole.User, template.Role);
        Assert.Equal(
            new[]
            {
                S("WRITE EXACTLY ONE JOKE or HUMOROUS STORY ABOUT THE TOPIC BELOW\n\nJOKE MUST BE:\n- G RATED\n- WORKPLACE/FAMILY SAFE\nNO SEXISM, RACISM OR OTHER BIAS/BIGOTRY\n\nBE CREATIVE AND FUNNY. I WANT TO LAUGH.\nIncorporate the style suggestion, if provided: "),
                H("style"),
                S("\n+++++\n\n"),
                H("input"),
                S("\n+++++\n"),
            },
            Shape(message));
    }

    [Fact]
    public void SkPromptLocation_IsLine1OfThePrompt()
    {
        var template = Single(Read(Joke, ExecutionSettingsConfig));

        Assert.Equal(new SourceLocation(PromptPath, 1, 1), template.Location);
        Assert.Equal("Plugins/FunPlugin/Joke/skprompt.txt", template.Id);
    }

    [Fact]
    public void SkPrompt_AsksItsCompanionsForConfigJson()
    {
        var asked = new List<string>();

        SemanticKernelFrontEnd.ReadSkPrompt(Input(PromptPath, Joke, name =>
        {
            asked.Add(name);
            return null;
        }));

        Assert.Equal(new[] { "config.json" }, asked);
    }

    [Fact]
    public void SkPromptWithoutConfig_HasNoCapAndNoProblem()
    {
        var template = Single(Read(Joke, null));

        Assert.Null(template.OutputCap);
        Assert.Null(template.Model);
    }

    [Fact]
    public void SkPromptWithoutCompanionLookup_HasNoCapAndNoProblem()
    {
        var template = Single(SemanticKernelFrontEnd.ReadSkPrompt(Input(PromptPath, Joke)));

        Assert.Null(template.OutputCap);
    }

    [Fact]
    public void SkPromptWithMessageTags_ReadsEachRole()
    {
        const string prompt = """
            <message role="system">You answer questions about {{$product}} only.</message>
            <message role="user">{{$question}}</message>
            """;

        var template = Single(Read(prompt, null));

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Equal(new[] { S("You answer questions about "), H("product"), S(" only.") }, Shape(template.Messages[0]));
        Assert.Equal(new[] { H("question") }, Shape(template.Messages[1]));
    }

    [Fact]
    public void SkPromptFunctionCall_IsAHoleNamedAfterTheFunction()
    {
        var template = Single(Read("Today is {{time.Today}}. {{recall $input}}\n{{$input}}", null));

        Assert.Equal(new[] { "time.Today", "recall", "input" }, HoleNames(template));
    }

    [Fact]
    public void SkPromptAndConfigCrlf_ReadTheSameAsLf()
    {
        Assert.Equal(Dump(Read(Joke, ExecutionSettingsConfig)), Dump(Read(Crlf(Joke), Crlf(ExecutionSettingsConfig))));
        Assert.Equal(Dump(Read(Joke, CompletionConfig)), Dump(Read(Crlf(Joke), Crlf(CompletionConfig))));
    }

    [Fact]
    public void SkPromptConfigWithByteOrderMark_ReadsTheSameAsWithout()
    {
        Assert.Equal(Dump(Read(Joke, ExecutionSettingsConfig)), Dump(Read(Joke, "\uFEFF" + ExecutionSettingsConfig)));
    }

    [Fact]
    public void SkPromptConfigWithBadJson_ReportsTheConfigPathAndLine()
    {
        // Line 6 lacks its trailing comma, so line 7 is where the reader fails.
        var config = ExecutionSettingsConfig.Replace("\"max_tokens\": 1000,", "\"max_tokens\": 1000");

        var result = Read(Joke, config);

        var problem = SingleProblem(result);
        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(7, problem.Line);
        Assert.Contains("invalid JSON", problem.Message);
        var template = Assert.Single(result.Templates);
        Assert.Null(template.OutputCap);
    }

    [Fact]
    public void SkPromptConfigWithBadJson_ReportsTheConfigPathAndLineWithCrlf()
    {
        var config = Crlf(ExecutionSettingsConfig.Replace("\"max_tokens\": 1000,", "\"max_tokens\": 1000"));

        var problem = SingleProblem(Read(Joke, config));

        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(7, problem.Line);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("1000.5")]
    [InlineData("\"1000\"")]
    [InlineData("null")]
    [InlineData("3000000000")]
    public void SkPromptConfigMaxTokensNotAPositiveWholeNumber_ReportsConfigPathAndLineOfTheValue(string value)
    {
        var config = ExecutionSettingsConfig.Replace("\"max_tokens\": 1000", "\"max_tokens\": " + value);

        var result = Read(Joke, config);

        var problem = SingleProblem(result);
        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(6, problem.Line);
        Assert.Equal(21, problem.Column);
        Assert.Contains("max_tokens", problem.Message);
    }

    [Fact]
    public void SkPromptConfigBadCapInSecondService_StillReportsItsLine()
    {
        var config = ExecutionSettingsConfig.Replace("\"max_completion_tokens\": 300", "\"max_completion_tokens\": 0");

        var result = Read(Joke, config);

        var problem = SingleProblem(result);
        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(14, problem.Line);
        Assert.Equal(1000, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void SkPromptOlderConfigMaxTokensZero_ReportsLineOfTheValue()
    {
        var config = CompletionConfig.Replace("\"max_tokens\": 500", "\"max_tokens\": 0");

        var problem = SingleProblem(Read(Joke, config));

        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(6, problem.Line);
    }

    [Fact]
    public void SkPromptConfigThatIsNotAnObject_ReportsConfigPathLine1()
    {
        var result = Read(Joke, "[ { \"max_tokens\": 100 } ]");

        var problem = SingleProblem(result);
        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Single(result.Templates);
    }

    // An older schema: execution_settings as an array of settings objects (invented values).
    private const string ArraySettingsConfig = """
        {
          "schema": 1,
          "description": "Shorten the given text",
          "execution_settings": [
            {
              "max_tokens": 640,
              "temperature": 0.1
            },
            {
              "max_tokens": 2048,
              "temperature": 0.5
            }
          ]
        }
        """;

    [Fact]
    public void SkPromptWithExecutionSettingsArray_ReadsCapOfTheFirstSettings()
    {
        var result = Read(Joke, ArraySettingsConfig);

        Assert.Empty(result.Problems);
        var template = Assert.Single(result.Templates);
        Assert.Equal(640, template.OutputCap);
        Assert.Equal(OutputCapStatus.Declared, template.OutputCapStatus);
    }

    [Fact]
    public void SkPromptWithExecutionSettingsArrayNamingADefaultService_ReadsTheDefaultCap()
    {
        var config = ArraySettingsConfig.Replace("\"max_tokens\": 2048,", "\"service_id\": \"default\", \"max_tokens\": 2048,");

        var result = Read(Joke, config);

        Assert.Empty(result.Problems);
        Assert.Equal(2048, Assert.Single(result.Templates).OutputCap);
    }

    [Fact]
    public void SkPromptExecutionSettingsArrayWithBadCap_ReportsConfigPathAndLineOfTheValue()
    {
        var config = ArraySettingsConfig.Replace("\"max_tokens\": 2048", "\"max_tokens\": -5");

        var result = Read(Joke, config);

        var problem = SingleProblem(result);
        Assert.Equal(ConfigPath, problem.Path);
        Assert.Equal(10, problem.Line);
        Assert.Equal(21, problem.Column);
        Assert.Equal(640, Assert.Single(result.Templates).OutputCap);
    }
}
