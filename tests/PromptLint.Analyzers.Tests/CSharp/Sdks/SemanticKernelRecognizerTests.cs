namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>Semantic Kernel calls and attributes are recognized by symbol, never a look-alike's.</summary>
public class SemanticKernelRecognizerTests
{
    [Fact]
    public async Task UserTypeNamedChatHistory_IsNotAPrompt()
    {
        await SdkTest.Measuring("""
            namespace Shop;

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

            public sealed class ChatHistory
            {
                public ChatHistory(string system) => System = system;

                public string System { get; }

                public void AddUserMessage(string text) { }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserTypeWithInvokePromptAsync_DoesNotTrigger()
    {
        await SdkTest.Measuring("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            namespace Shop;

            public static class Calls
            {
                public static Task<FunctionResult> Real(Kernel kernel) => kernel.InvokePromptAsync({|PL9000:"Tell a joke about {{$topic}}."|});

                public static Task<string> Own(Prompter own) => own.InvokePromptAsync("Tell a story about {{$topic}}.");
            }

            /// <summary>Not Semantic Kernel's: same method name, same parameter name.</summary>
            public sealed class Prompter
            {
                public Task<string> InvokePromptAsync(string promptTemplate) => Task.FromResult(promptTemplate);
            }
            """).RunAsync();
    }

    [Fact]
    public async Task UserAttributeNamedKernelFunction_IsNotATool()
    {
        await SdkTest.Measuring("""
            using System;

            namespace Shop;

            public sealed class OrderPlugin
            {
                [Microsoft.SemanticKernel.KernelFunction]
                public string {|PL9000:Track|}(string order) => order;

                [KernelFunction]
                public string Status(string order) => order;
            }

            internal sealed class KernelFunctionAttribute : Attribute;
            """).RunAsync();
    }

    [Fact]
    public async Task KernelParameter_IsNotInTheSchema()
    {
        var plugin = SdkTest.Measuring("""
            using System.ComponentModel;
            using Microsoft.SemanticKernel;

            public sealed class OrderPlugin
            {
                [KernelFunction("get_order_status"), Description("Gets the delivery status of an order.")]
                public string GetOrderStatus(Kernel kernel, [Description("The order number.")] string orderNumber) => orderNumber;
            }
            """);
        plugin.ExpectedDiagnostics.Add(SdkTest.Tool(7, 19, "OrderPlugin.GetOrderStatus",
            "{\"type\":\"function\",\"function\":{\"description\":\"Gets the delivery status of an order.\",\"name\":\"OrderPlugin-get_order_status\",\"parameters\":{\"type\":\"object\",\"required\":[\"orderNumber\"],\"properties\":{\"orderNumber\":{\"description\":\"The order number.\",\"type\":\"string\"}}},\"strict\":false}}"));
        await plugin.RunAsync();
    }
}
