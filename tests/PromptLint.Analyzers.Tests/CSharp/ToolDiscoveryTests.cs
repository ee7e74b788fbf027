using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>Tool definitions declared in C# are measured as tool-schema prompts.</summary>
public class ToolDiscoveryTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private static DiagnosticResult Measured(int line, int column, string id, string wireJson)
    {
        var tokens = O200k.CountTokens(wireJson).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new DiagnosticResult("PL9000", DiagnosticSeverity.Info).WithLocation("/0/Test1.cs", line, column).WithArguments(id, tokens, tokens, "0", "o200k_base");
    }

    private static AnalyzerTest<PromptFootprintAnalyzer> Test(string source)
        => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source).WithProperty("PromptLintEmitMeasurements", "true").WithoutCostRules();

    [Fact]
    public async Task AIFunctionFactoryOverMethodGroup_IsMeasuredUnderTheMethodsName()
    {
        var test = Test("""
            using System.ComponentModel;
            using Microsoft.Extensions.AI;

            public static class Orders
            {
                public static AITool[] Tools() => [AIFunctionFactory.Create(Lookup)];

                [Description("Looks up an order by its number.")]
                public static string Lookup([Description("The order number")] string orderNumber, int days = 7) => orderNumber;
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(9, 26, "Orders.Lookup",
            "{\"type\":\"function\",\"function\":{\"description\":\"Looks up an order by its number.\",\"name\":\"Lookup\",\"parameters\":{\"type\":\"object\",\"required\":[\"orderNumber\"],\"properties\":{\"orderNumber\":{\"description\":\"The order number\",\"type\":\"string\"},\"days\":{\"type\":\"integer\",\"default\":7}},\"additionalProperties\":false}}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task AIFunctionFactoryOverLambda_UsesTheGivenName()
    {
        var test = Test("""
            using Microsoft.Extensions.AI;

            public static class Greeter
            {
                public static AIFunction Hello() => AIFunctionFactory.Create((string name) => "Hi " + name, "say_hello", "Greets someone.");
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(5, 41, "Greeter.Hello#tool:say_hello",
            "{\"type\":\"function\",\"function\":{\"description\":\"Greets someone.\",\"name\":\"say_hello\",\"parameters\":{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}},\"additionalProperties\":false}}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task KernelFunction_IsNamedPluginDashFunction()
    {
        var test = Test("""
            using System.ComponentModel;
            using Microsoft.SemanticKernel;

            public sealed class OrderPlugin
            {
                [KernelFunction("get_order_status"), Description("Gets the delivery status of an order.")]
                public string GetOrderStatus([Description("The order number.")] string orderNumber) => orderNumber;
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(7, 19, "OrderPlugin.GetOrderStatus",
            "{\"type\":\"function\",\"function\":{\"description\":\"Gets the delivery status of an order.\",\"name\":\"OrderPlugin-get_order_status\",\"parameters\":{\"type\":\"object\",\"required\":[\"orderNumber\"],\"properties\":{\"orderNumber\":{\"description\":\"The order number.\",\"type\":\"string\"}}},\"strict\":false}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task StrictChatTool_IsMeasuredWithTheStrictFlagTheSdkSends()
    {
        var test = Test("""
            using System;
            using OpenAI.Chat;

            public static class Weather
            {
                public static ChatTool Tool() => ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}"), functionSchemaIsStrict: true);
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(6, 38, "Weather.Tool#tool:get_weather",
            "{\"type\":\"function\",\"function\":{\"description\":\"Current weather for a city.\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false},\"strict\":true}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ChatToolWithConstantJson_IsMeasuredMinified()
    {
        var test = Test("""
            using System;
            using OpenAI.Chat;

            public static class Weather
            {
                private const string Schema = \"\"\"
                    {
                      "type": "object",
                      "properties": { "city": { "type": "string" } },
                      "required": [ "city" ]
                    }
                    \"\"\";

                public static ChatTool Tool() => ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString(Schema));
            }
            """.Replace("\\\"\\\"\\\"", "\"\"\""));
        test.ExpectedDiagnostics.Add(Measured(14, 38, "Weather.Tool#tool:get_weather",
            "{\"type\":\"function\",\"function\":{\"description\":\"Current weather for a city.\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task McpServerTool_UsesTheAttributesName()
    {
        var test = Test("""
            using System.ComponentModel;
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public static class EchoTools
            {
                [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
                public static string Echo(string message) => message;
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(8, 26, "EchoTools.Echo",
            "{\"type\":\"function\",\"function\":{\"description\":\"Echoes the message back.\",\"name\":\"echo\",\"parameters\":{\"type\":\"object\",\"required\":[\"message\"],\"properties\":{\"message\":{\"type\":\"string\"}},\"additionalProperties\":false}}}"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ToolsInAFieldInitializer_AreMeasured()
    {
        var test = Test("""
            using Microsoft.Extensions.AI;

            public sealed class Support
            {
                private readonly ChatOptions _options = new() { Tools = [AIFunctionFactory.Create(Ping)] };

                public static string Ping() => "pong";
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(7, 26, "Support.Ping",
            "{\"type\":\"function\",\"function\":{\"description\":\"\",\"name\":\"Ping\",\"parameters\":{\"type\":\"object\",\"required\":[],\"properties\":{},\"additionalProperties\":false}}}"));
        await test.RunAsync();
    }
}
