using System.Text.Json;
using SharpToken;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 33 through the packed package: Anthropic's own message shape, Microsoft Agent Framework and text handed to a
/// helper that sends it, in one consumer that references the SDK versions a new project gets.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class RealApplicationShapesTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private readonly PackageFeed _feed;

    public RealApplicationShapesTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void AnthropicMessageParams_AgentRuns_AndHelperCalls_AreMeasuredInTheReport()
    {
        var consumer = _feed.NewConsumer("Contoso.Shapes");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """
            <PackageReference Include="Anthropic" Version="12.60.0" />
            <PackageReference Include="Microsoft.Agents.AI" Version="1.28.0" />
            <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
            """);
        consumer.Write("Stories.cs", """
            using Anthropic.Models.Messages;

            namespace Contoso.Shapes;

            public static class Stories
            {
                public static MessageCreateParams Request() => new()
                {
                    MaxTokens = 1024,
                    Messages = [new() { Content = "Tell me a short story about a lighthouse keeper.", Role = Role.User }],
                    Model = "claude-sonnet-4-5",
                };
            }
            """);
        consumer.Write("Jokes.cs", """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            namespace Contoso.Shapes;

            public sealed class Jokes(IChatClient chatClient)
            {
                public async Task<string> TellAsync()
                {
                    AIAgent agent = new ChatClientAgent(chatClient, instructions: "You are good at telling jokes.", name: "Joker");
                    var response = await agent.RunAsync("Tell me a joke about a pirate.");
                    return response.Text;
                }
            }
            """);
        consumer.Write("Generator.cs", """
            using Microsoft.Extensions.AI;

            namespace Contoso.Shapes;

            public sealed class Generator(IChatClient client)
            {
                public async Task<string> RunAsync() => await AskAsync("List ten product categories for an outdoor store, one per line.", maxTokens: 400);

                private async Task<string> AskAsync(string prompt, int maxTokens)
                    => (await client.GetResponseAsync([new(ChatRole.System, "Reply with the data only."), new(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = maxTokens })).Text;
            }
            """);

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        var prompts = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.Clone());

        var story = prompts["Contoso.Shapes.Stories.Request#1"];
        Assert.Equal(O200k.CountTokens("Tell me a short story about a lighthouse keeper."), story.GetProperty("staticTokens").GetInt32());
        Assert.Equal(1024, story.GetProperty("outputCap").GetInt32());

        var joke = prompts["Contoso.Shapes.Jokes.TellAsync#1"];
        Assert.Equal(O200k.CountTokens("You are good at telling jokes.") + O200k.CountTokens("Tell me a joke about a pirate."), joke.GetProperty("staticTokens").GetInt32());

        var helperCall = prompts["Contoso.Shapes.Generator.RunAsync#AskAsync"];
        Assert.Equal(O200k.CountTokens("Reply with the data only.") + O200k.CountTokens("List ten product categories for an outdoor store, one per line."), helperCall.GetProperty("staticTokens").GetInt32());
        Assert.Equal(400, helperCall.GetProperty("outputCap").GetInt32());
        Assert.DoesNotContain("Contoso.Shapes.Generator.AskAsync#1", prompts.Keys);
    }
}
