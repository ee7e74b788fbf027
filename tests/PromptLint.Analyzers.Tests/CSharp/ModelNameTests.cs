using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SharpToken;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// A model name the code sends to flows from a local, const or field like any other constant, known or not (issue 33):
/// an unknown name (a fine-tune, an Azure deployment) is PL0102 at the name, unless 'promptlint.model' says what it is.
/// </summary>
public class ModelNameTests
{
    private const string FineTuneInALocal = """
        using OpenAI;
        using OpenAI.Chat;

        public class Tagger
        {
            public string Tag(OpenAIClient openAi, string text)
            {
                var model = "my-finetune-2026";
                ChatClient chat = openAi.GetChatClient(model);
                ChatCompletion completion = chat.CompleteChat(
                    new SystemChatMessage("Tag the text with one topic."),
                    new UserChatMessage(text));
                return completion.Content[0].Text;
            }
        }
        """;

    [Fact]
    public async Task UnknownModelInALocalPassedToGetChatClient_ReportsPL0102AtTheArgument()
    {
        var test = Test(FineTuneInALocal);
        var system = Tokens("Tag the text with one topic.");
        test.ExpectedDiagnostics.Add(Measured(11, 35, "Tagger.Tag#1", system, system, 1, "estimate:o200k_base"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 9, 48, 9, 53).WithArguments("my-finetune-2026", "o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownModelInAConstPassedToNewChatClient_ReportsPL0102()
    {
        var test = Test("""
            using OpenAI.Chat;

            public class Tagger
            {
                private const string Deployment = "support-prod";

                public string Tag(string key, string text)
                {
                    var chat = new ChatClient(model: Deployment, apiKey: key);
                    return chat.CompleteChat(new UserChatMessage("Name the topic of: " + text)).Value.Content[0].Text;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(10, 54, "Tagger.Tag#1", Tokens("Name the topic of: "), Tokens("Name the topic of: "), 1, "estimate:o200k_base"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 9, 42, 9, 52).WithArguments("support-prod", "o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownModelWithPromptLintModelForTheFile_IsCountedForThatModelWithoutPL0102()
    {
        // The .editorconfig says what the deployment runs: counted exactly with gpt-4's tokenizer, nothing to warn about.
        var test = Test(FineTuneInALocal).WithOption("promptlint.model", "gpt-4");
        var system = GptEncoding.GetEncoding("cl100k_base").CountTokens("Tag the text with one topic.");
        test.ExpectedDiagnostics.Add(Measured(11, 35, "Tagger.Tag#1", system, system, 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task KnownModelInALocal_WinsOverPromptLintModel()
    {
        // Only names PromptLint does not know defer to the file's setting: a known name in code still decides.
        var test = Test(FineTuneInALocal.Replace("my-finetune-2026", "gpt-4")).WithOption("promptlint.model", "gpt-4o");
        var system = GptEncoding.GetEncoding("cl100k_base").CountTokens("Tag the text with one topic.");
        test.ExpectedDiagnostics.Add(Measured(11, 35, "Tagger.Tag#1", system, system, 1, "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownModelInAFieldPassedToCreateResponse_ReportsPL0102()
    {
        var test = Test("""
            #pragma warning disable OPENAI001
            using System.Threading.Tasks;
            using OpenAI.Responses;

            public class Summarizer(ResponsesClient responses)
            {
                private static readonly string Model = "contoso-mini";

                public Task<System.ClientModel.ClientResult<ResponseResult>> SummarizeAsync(string text)
                    => responses.CreateResponseAsync(Model, "Summarize in one line: " + text);
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(10, 49, "Summarizer.SummarizeAsync#1", Tokens("Summarize in one line: "), Tokens("Summarize in one line: "), 1, "estimate:o200k_base"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 42, 10, 47).WithArguments("contoso-mini", "o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownDeploymentRegisteredForDependencyInjection_InjectedSendsKeepTheDefaultModel_NoPL0102()
    {
        // The registration names a deployment; an injected client's send is counted with the project's model, as before.
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            public static class Setup
            {
                public static void Register(IServiceCollection services)
                    => services.AddChatClient(sp => sp.GetRequiredService<OpenAIClient>().GetChatClient("support-prod").AsIChatClient());
            }

            public class Support(IChatClient client)
            {
                public Task<ChatResponse> AskAsync(string question) => client.GetResponseAsync("Answer briefly: " + question);
            }
            """);
        // AddChatClient's overloads name the hosting abstractions, which the test's references leave out.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Add(Measured(14, 84, "Support.AskAsync#1", Tokens("Answer briefly: "), Tokens("Answer briefly: "), 1));
        await test.RunAsync();
    }
}
