using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>Shapes real applications write that were measured only in part (issue 33, item 4).</summary>
public class PartialShapeTests
{
    [Fact]
    public async Task StringFormatOverReadonlyFieldTemplate_FoldsTheTemplate()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Translator(IChatClient client)
            {
                private readonly string _template = "Translate the following text into {0}. Keep the formatting.\n\n{1}";

                public Task<ChatResponse> TranslateAsync(string language, string text)
                    => client.GetResponseAsync(string.Format(_template, language, text));
            }
            """);
        var tokens = Tokens("Translate the following text into ", ". Keep the formatting.\n\n");
        test.ExpectedDiagnostics.Add(Measured(9, 36, "Translator.TranslateAsync#1", tokens, Tokens("Translate the following text into "), 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task StringJoinOverAListFilledWithAdds_FoldsEveryElementInOrder()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Reviewer(IChatClient client)
            {
                public Task<ChatResponse> ReviewAsync(string diff)
                {
                    var rules = new List<string> { "Point out bugs first." };
                    rules.Add("Then security problems.");
                    rules.Add("Style last, briefly.");
                    var system = string.Join("\n", rules);
                    return client.GetResponseAsync([new(ChatRole.System, system), new(ChatRole.User, diff)]);
                }
            }
            """);
        var system = Tokens("Point out bugs first.\nThen security problems.\nStyle last, briefly.");
        test.ExpectedDiagnostics.Add(Measured(13, 62, "Reviewer.ReviewAsync#1", system, system, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task CapInPromptExecutionSettingsExtensionData_SilencesPL0003_SettingsWithoutOneDoNot()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Poet(IChatCompletionService chat)
            {
                public Task<ChatMessageContent> CappedAsync()
                {
                    var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 200 } };
                    var history = new ChatHistory("You write short poems.");
                    history.AddUserMessage("A poem about autumn rain.");
                    return chat.GetChatMessageContentAsync(history, settings);
                }

                public Task<ChatMessageContent> UncappedAsync()
                {
                    var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.2 } };
                    var history = new ChatHistory("You write short poems.");
                    history.AddUserMessage("A poem about spring wind.");
                    return chat.GetChatMessageContentAsync(history, settings);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PL0003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 21, 16, 21, 66));
        await test.RunAsync();
    }

    [Fact]
    public async Task ListOfChatMessagesBuiltFromACollectionExpression_IsLinkedToItsSendAndItsCap()
    {
        // The cap of the send (200) reaches the prompt only when the list is linked to it: over the ceiling of 100, PL0003.
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithOption("promptlint.max_output_tokens_ceiling", "100").WithSource("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Travel(IChatClient client)
            {
                public Task<ChatResponse> AskAsync(string question)
                {
                    var messages = new List<ChatMessage>([new(ChatRole.System, "You are a travel assistant for Contoso."), new(ChatRole.User, question)]);
                    return client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 200 });
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PL0003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 16, 10, 92));
        await test.RunAsync();
    }

    [Fact]
    public async Task MessagesProjectedWithSelectIntoAddRange_AreAHoleOfTheSend_NotAPromptOfTheirOwn()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public record Turn(bool FromAssistant, string Text);

            public class Support(IChatClient client)
            {
                public Task<ChatResponse> ReplyAsync(IReadOnlyList<Turn> turns)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.System, "You are Contoso's support assistant.") };
                    messages.AddRange(turns.Select(t => new ChatMessage(t.FromAssistant ? ChatRole.Assistant : ChatRole.User, t.Text)));
                    return client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 300 });
                }
            }
            """);
        var tokens = Tokens("You are Contoso's support assistant.");
        test.ExpectedDiagnostics.Add(Measured(12, 69, "Support.ReplyAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }
}
