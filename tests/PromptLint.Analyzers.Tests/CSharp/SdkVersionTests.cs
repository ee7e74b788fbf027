using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// The shapes of docs/csharp.md against the oldest and the newest Microsoft.Extensions.AI supported (issue 33): the
/// same source, measured the same, compiled against 10.11 and against 11.0. Each case first checks the version it
/// compiles against, so a missing or silently changed assembly fails instead of passing on the other version.
/// </summary>
public class SdkVersionTests
{
    public static TheoryData<string> Versions() => new() { "oldest", "newest" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ChatOptionsInstructionsAndMessages_AreOnePrompt_WithTheOptionsModel(string version)
    {
        var test = On(version, Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var options = new ChatOptions { Instructions = "You answer shipping questions.", ModelId = "gpt-4", MaxOutputTokens = 200 };
                    List<ChatMessage> messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Question: " + question)];
                    return client.GetResponseAsync(messages, options);
                }
            }
            """));
        var tokens = Cl100k("You answer shipping questions.") + Cl100k("Be brief.") + Cl100k("Question: ");
        test.ExpectedDiagnostics.Add(Measured(9, 56, "Support.AskAsync#1", tokens, tokens, 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task OpenAIChatClientAsIChatClient_GivesItsModelToTheSend(string version)
    {
        var test = On(version, Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            public class Titles(OpenAIClient openAi)
            {
                private readonly IChatClient _chat = openAi.GetChatClient("gpt-4").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

                public Task<ChatResponse> SuggestAsync(string text) => _chat.GetResponseAsync([new ChatMessage(ChatRole.User, $"Suggest a title for: {text}")]);
            }
            """));
        test.ExpectedDiagnostics.Add(Measured(9, 115, "Titles.SuggestAsync#1", Cl100k("Suggest a title for: "), Cl100k("Suggest a title for: "), 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ContentPartsOfAMessage_TextIsCountedAndAnImageIsAHole(string version)
    {
        var test = On(version, Test("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Captions(IChatClient client)
            {
                public Task<ChatResponse> CaptionAsync(Uri photo)
                    => client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("Write a caption for this photo."), new UriContent(photo, "image/png")])]);
            }
            """));
        var tokens = Tokens("Write a caption for this photo.");
        test.ExpectedDiagnostics.Add(Measured(8, 85, "Captions.CaptionAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    private static AnalyzerTest<PromptFootprintAnalyzer> On(string version, AnalyzerTest<PromptFootprintAnalyzer> test)
    {
        if (version == "oldest")
        {
            test.WithOldestExtensionsAi();
        }

        var expected = version == "oldest" ? OldestSdks.ExtensionsAiVersion : "11.0.0";
        Assert.Equal(expected, OldestSdks.ExtensionsAiVersionOf(test));
        return test;
    }

    private static int Cl100k(string text) => SharpToken.GptEncoding.GetEncoding("cl100k_base").CountTokens(text);
}
