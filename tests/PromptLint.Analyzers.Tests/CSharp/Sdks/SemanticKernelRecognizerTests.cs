namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>Semantic Kernel calls and attributes are recognized by symbol, never a look-alike's.</summary>
public class SemanticKernelRecognizerTests
{
    [Fact]
    public async Task UserTypeWithInvokePromptAsync_DoesNotTrigger()
    {
        await SdkTest.Measuring("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            namespace Shop
            {
                public sealed class Prompter
                {
                    public Task<string> InvokePromptAsync(string promptTemplate) => Task.FromResult(promptTemplate);
                }

                public class Calls
                {
                    public Task<FunctionResult> Real(Kernel kernel) => kernel.InvokePromptAsync({|PL9000:"Tell a joke about {{$topic}}."|});
                    public Task<string> Own(Prompter own) => own.InvokePromptAsync("Tell a story about {{$topic}}.");
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserTypeNamedChatHistory_IsNotAPrompt()
    {
        await SdkTest.Measuring("""
            namespace Shop
            {
                public sealed class ChatHistory(string system)
                {
                    public string System => system;
                    public void AddUserMessage(string text) { }
                }

                public static class Chats
                {
                    public static ChatHistory Own(string question)
                    {
                        var history = new ChatHistory("You answer questions about orders.");
                        history.AddUserMessage("Question: " + question);
                        return history;
                    }

                    public static Microsoft.SemanticKernel.ChatCompletion.ChatHistory Real(string question)
                    {
                        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory({|PL9000:"You answer questions about invoices."|});
                        history.AddUserMessage("Question: " + question);
                        return history;
                    }
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserAttributeNamedKernelFunction_IsNotATool()
    {
        await SdkTest.Measuring("""
            using System;

            namespace Shop
            {
                [AttributeUsage(AttributeTargets.Method)]
                public sealed class KernelFunctionAttribute : Attribute
                {
                }

                public sealed class OrderPlugin
                {
                    [KernelFunction]
                    public string Status(string order) => order;

                    [Microsoft.SemanticKernel.KernelFunction]
                    public string {|PL9000:Track|}(string order) => order;
                }
            }
            """).RunAsync();
    }
}
