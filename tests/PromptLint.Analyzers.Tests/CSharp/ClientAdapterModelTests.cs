using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33: adapters that turn an SDK client into an <c>IChatClient</c> and carry the model id give the call sites
/// their model, as <c>GetChatClient(model)</c> does. The model is told apart by its tokenizer: <c>gpt-4</c> counts with
/// cl100k_base, the default model with o200k_base.
/// </summary>
public class ClientAdapterModelTests
{
    // AsChatClient(modelId) is the name of the adapters in the Microsoft.Extensions.AI 9 previews (on OpenAIClient, and on
    // Azure AI Inference's ChatCompletionsClient); the packages this project tests with have only AsIChatClient, so the
    // preview's shape (name, receiver, parameter name, return type) is declared here under a class name of its own.
    private const string PreviewAdapter = """

        namespace Microsoft.Extensions.AI
        {
            public static class OpenAIClientPreviewExtensions
            {
                public static IChatClient AsChatClient(this OpenAI.OpenAIClient openAIClient, string modelId) => throw new System.NotImplementedException();
            }
        }
        """;

    [Fact]
    public async Task AsChatClientWithModelId_TheSendIsCountedForThatModel()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            public class Glossary(OpenAIClient openAi)
            {
                public Task<ChatResponse> DefineAsync(string term)
                {
                    IChatClient chat = openAi.AsChatClient(modelId: "gpt-4");
                    return chat.GetResponseAsync("Define this term in one sentence: " + term);
                }
            }
            """ + PreviewAdapter);
        var text = CountCl100k("Define this term in one sentence: ");
        test.ExpectedDiagnostics.Add(Measured(10, 38, "Glossary.DefineAsync#1", text, text, 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task AsChatClientInAFieldInitializerChain_TheSendIsCountedForThatModel()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            public class Glossary
            {
                private readonly IChatClient _chat = new OpenAIClient("key").AsChatClient("gpt-4").AsBuilder().UseFunctionInvocation().Build();

                public Task<ChatResponse> DefineAsync(string term) => _chat.GetResponseAsync("Define: " + term);
            }
            """ + PreviewAdapter);
        var text = CountCl100k("Define: ");
        test.ExpectedDiagnostics.Add(Measured(9, 82, "Glossary.DefineAsync#1", text, text, 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ResponsesClientAsIChatClientWithDefaultModelId_TheSendIsCountedForThatModel()
    {
        var test = Test("""
            #pragma warning disable OPENAI001
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Responses;

            public class Glossary(ResponsesClient responses)
            {
                public Task<ChatResponse> DefineAsync(string term)
                    => responses.AsIChatClient("gpt-4").GetResponseAsync("Define: " + term);
            }
            """);
        var text = CountCl100k("Define: ");
        test.ExpectedDiagnostics.Add(Measured(9, 62, "Glossary.DefineAsync#1", text, text, 1, "cl100k_base"));
        await test.RunAsync();
    }

    private static int CountCl100k(string text) => SharpToken.GptEncoding.GetEncoding("cl100k_base").CountTokens(text);
}
