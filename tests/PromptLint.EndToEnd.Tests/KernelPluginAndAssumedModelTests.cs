using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 33 through the packed package: a Semantic Kernel chat with plugins under <c>FunctionChoiceBehavior.Auto()</c>
/// counts the plugin functions in the send's prompt, and a client whose model comes from configuration is counted with
/// the project's model, marked assumed in report.json.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class KernelPluginAndAssumedModelTests
{
    private readonly PackageFeed _feed;

    public KernelPluginAndAssumedModelTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void KernelPluginsUnderAutoFunctionChoice_AndAModelFromConfiguration_AreInTheReport()
    {
        var consumer = _feed.NewConsumer("Contoso.Home");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """
            <PackageReference Include="Microsoft.SemanticKernel" Version="1.82.0" />
            <PackageReference Include="OpenAI" Version="2.15.0" />
            """);
        consumer.Write("Plugins.cs", """
            using System.ComponentModel;
            using Microsoft.SemanticKernel;

            namespace Contoso.Home;

            public sealed class LightsPlugin
            {
                [KernelFunction("get_lights"), Description("Lists the lights in the house and whether each one is on.")]
                public string GetLights() => "[]";

                [KernelFunction, Description("Switches one light on or off.")]
                public Task<string> SetStateAsync([Description("The light's number.")] int id, bool isOn) => Task.FromResult("ok");
            }
            """);
        consumer.Write("Assistant.cs", """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            namespace Contoso.Home;

            public static class Assistant
            {
                public static async Task<string> AskAsync(string key, string question)
                {
                    var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key);
                    builder.Plugins.AddFromType<LightsPlugin>();
                    Kernel kernel = builder.Build();
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory("You run the lights of a home. Answer in one sentence.");
                    history.AddUserMessage(question);
                    OpenAIPromptExecutionSettings settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 200 };
                    return (await chat.GetChatMessageContentAsync(history, settings, kernel)).ToString();
                }
            }
            """);
        consumer.Write("Tagger.cs", """
            using OpenAI.Chat;

            namespace Contoso.Home;

            public sealed class Tagger(IReadOnlyDictionary<string, string> configuration, string key)
            {
                public string Tag(string text)
                {
                    var chat = new ChatClient(configuration["OpenAI:Model"], key);
                    return chat.CompleteChat(new SystemChatMessage("Tag the text with one topic."), new UserChatMessage(text)).Value.Content[0].Text;
                }
            }
            """);

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        var prompts = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.Clone());

        // The plugin is named after its type, so each function's own tool prompt is what the send offers.
        var functions = prompts["Contoso.Home.LightsPlugin.GetLights"].GetProperty("toolSchemaTokens").GetInt32()
                        + prompts["Contoso.Home.LightsPlugin.SetStateAsync"].GetProperty("toolSchemaTokens").GetInt32();
        var send = prompts.Values.Single(p => p.GetProperty("file").GetString() == "Assistant.cs" && p.GetProperty("role").GetString() != "tool");
        Assert.True(functions > 0);
        Assert.Equal(functions, send.GetProperty("toolSchemaTokens").GetInt32());
        Assert.Equal("gpt-4o-mini", send.GetProperty("model").GetString());

        var tagged = prompts["Contoso.Home.Tagger.Tag#1"];
        Assert.Equal("gpt-4o", tagged.GetProperty("model").GetString());
        Assert.True(tagged.GetProperty("modelAssumed").GetBoolean());
        Assert.False(send.TryGetProperty("modelAssumed", out _));
    }
}
