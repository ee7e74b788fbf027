using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>OpenAI (and Azure OpenAI) calls are recognized by symbol, never a look-alike's.</summary>
public class OpenAiRecognizerTests
{
    [Fact]
    public async Task UserTypeNamedLikeChatClient_DoesNotTrigger()
    {
        await SdkTest.Measuring("""
            using OpenAI.Chat;

            namespace Shop
            {
                public sealed class ChatClient
                {
                    public string CompleteChat(string message) => message;
                    public string CompleteChatStreaming(string message) => message;
                }

                public class Calls
                {
                    public ChatCompletion Real(OpenAI.Chat.ChatClient chat) => chat.CompleteChat({|PL9000:"Name three rivers."|});
                    public string Own(ChatClient own) => own.CompleteChat("Name three mountains.");
                    public string OwnStreaming(ChatClient own) => own.CompleteChatStreaming("Name three lakes.");
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserTypesNamedLikeMessages_AreNotMessages()
    {
        await SdkTest.Measuring("""
            namespace Shop
            {
                public sealed class SystemChatMessage(string text)
                {
                    public string Text => text;
                }

                public static class ChatMessage
                {
                    public static string CreateUserMessage(string text) => text;
                }

                public static class Messages
                {
                    public static object[] Own() => [new SystemChatMessage("You are terse."), ChatMessage.CreateUserMessage("Hello.")];

                    public static object[] Real() => [new OpenAI.Chat.SystemChatMessage({|PL9000:"You are brief."|}), OpenAI.Chat.ChatMessage.CreateUserMessage("Hi.")];
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task AzureOpenAIClientGetChatClient_GivesTheModel()
    {
        var test = SdkTest.Measuring("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            public class Classifier
            {
                public string Classify(string text)
                {
                    var azure = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), new ApiKeyCredential("key"));
                    ChatClient chat = azure.GetChatClient("gpt-4");
                    ChatCompletion completion = chat.CompleteChat(new SystemChatMessage("Classify the text as spam or ham."), new UserChatMessage(text));
                    return completion.Content[0].Text;
                }
            }
            """);
        foreach (var assembly in new[] { "Azure.AI.OpenAI.dll", "Azure.Core.dll" })
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, assembly)));
        }

        // gpt-4 counts with cl100k_base: the model came from Azure's override of OpenAIClient.GetChatClient.
        var tokens = GptEncoding.GetEncoding("cl100k_base").CountTokens("Classify the text as spam or ham.").ToString(System.Globalization.CultureInfo.InvariantCulture);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL9000", DiagnosticSeverity.Info).WithLocation("/0/Test1.cs", 12, 77)
            .WithArguments("Classifier.Classify#1", tokens, tokens, "1", "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UserTypeNamedChatTool_IsNotATool()
    {
        await SdkTest.Measuring("""
            namespace Shop
            {
                public static class ChatTool
                {
                    public static string CreateFunctionTool(string functionName, string? functionDescription = null) => functionName;
                }

                public static class Tools
                {
                    public static string Own() => ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.");

                    public static OpenAI.Chat.ChatTool Real() => {|PL9000:OpenAI.Chat.ChatTool.CreateFunctionTool("get_time", "Current time.")|};
                }
            }
            """).RunAsync();
    }
}
