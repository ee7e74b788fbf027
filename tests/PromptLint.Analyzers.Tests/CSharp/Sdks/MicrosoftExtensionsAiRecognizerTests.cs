namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>Microsoft.Extensions.AI calls are recognized by symbol: the SDK's, its implementations', never a look-alike's.</summary>
public class MicrosoftExtensionsAiRecognizerTests
{
    [Fact]
    public async Task UserTypeNamedLikeChatClient_DoesNotTrigger()
    {
        await SdkTest.Measuring("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Shop
            {
                public sealed class ChatClient
                {
                    public Task<string> GetResponseAsync(string prompt) => Task.FromResult(prompt);
                    public Task<string> GetStreamingResponseAsync(string prompt) => Task.FromResult(prompt);
                }

                public class Calls(IChatClient sdk, ChatClient own)
                {
                    public Task Real() => sdk.GetResponseAsync({|PL9000:"Name three rivers."|});
                    public Task<string> Own() => own.GetResponseAsync("Name three mountains.");
                    public Task<string> OwnStreaming() => own.GetStreamingResponseAsync("Name three lakes.");
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task SubclassOfDelegatingChatClient_ItsSendIsASend_ItsOwnOverloadIsNot()
    {
        await SdkTest.Measuring("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public sealed class Logged(IChatClient inner) : DelegatingChatClient(inner)
            {
                public Task<string> GetResponseAsync(string prompt, int attempts) => Task.FromResult(prompt);
            }

            public class Calls
            {
                public Task Go(Logged client, string question)
                {
                    var history = new[] { new ChatMessage(ChatRole.System, {|PL9000:"You are terse."|}) };
                    return client.GetResponseAsync(history);
                }

                public Task<string> Retry(Logged client) => client.GetResponseAsync("Retry politely.", attempts: 3);
            }
            """).RunAsync();
    }

    [Fact]
    public async Task PipelineCap_CountsForTheSdksAndTheMetersStepsOnly()
    {
        // The meter's own extension is declared as PromptLint.Meter declares it, so the test needs no meter assembly.
        await SdkTest.Rules("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using PromptLint.Meter;

            namespace PromptLint.Meter
            {
                public sealed class PromptLintMeterOptions
                {
                    public int? MaxOutputTokens { get; set; }
                }

                public static class PromptLintChatClientBuilderExtensions
                {
                    public static ChatClientBuilder UsePromptLintMeter(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null) => builder;
                }
            }

            public static class OwnBuilderExtensions
            {
                public static ChatClientBuilder ConfigureOptions(this ChatClientBuilder builder, Action<ChatOptions> configure, bool log) => builder;
            }

            public class Calls(IChatClient inner)
            {
                private readonly IChatClient _capped = new ChatClientBuilder(inner).ConfigureOptions(o => o.MaxOutputTokens = 400).Build();
                private readonly IChatClient _logged = new ChatClientBuilder(inner).ConfigureOptions(o => o.MaxOutputTokens = 400, log: true).Build();
                private readonly IChatClient _metered = new ChatClientBuilder(inner).UsePromptLintMeter(o => o.MaxOutputTokens = 1024).Build();
                private readonly IChatClient _meteredUncapped = new ChatClientBuilder(inner).UsePromptLintMeter().Build();

                public Task Capped(string q) => _capped.GetResponseAsync(q);
                public Task Logged(string q) => {|PL0003:_logged.GetResponseAsync(q)|};
                public Task Metered(string q) => _metered.GetResponseAsync(q);
                public Task MeteredUncapped(string q) => {|PL0003:_meteredUncapped.GetResponseAsync(q)|};
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserTypeNamedAIFunctionFactory_IsNotATool()
    {
        await SdkTest.Measuring("""
            using System;

            namespace Shop
            {
                public static class AIFunctionFactory
                {
                    public static Delegate Create(Func<string> method) => method;
                }

                public static class Tools
                {
                    public static object[] All() => [AIFunctionFactory.Create(Ping), Microsoft.Extensions.AI.AIFunctionFactory.Create(Pong)];

                    public static string Ping() => "ping";

                    public static string {|PL9000:Pong|}() => "pong";
                }
            }
            """).RunAsync();
    }
}
