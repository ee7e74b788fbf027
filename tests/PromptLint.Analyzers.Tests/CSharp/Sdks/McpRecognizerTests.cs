namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>MCP tools are recognized by the SDK's attribute symbol, never a look-alike's.</summary>
public class McpRecognizerTests
{
    [Fact]
    public async Task UserAttributeNamedMcpServerTool_IsNotATool()
    {
        var test = SdkTest.Measuring("""
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public static class EchoTools
            {
                [McpServerTool(Name = "shout")]
                public static string {|PL9000:Shout|}(string message) => message.ToUpperInvariant();

                [Shop.McpServerTool(Name = "echo")]
                public static string Echo(string message) => message;
            }

            namespace Shop
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class McpServerToolAttribute : System.Attribute
                {
                    public string? Name { get; set; }
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task ServerAndRequestContextParameters_AreNotInTheSchema()
    {
        var tool = SdkTest.Measuring("""
            using System.ComponentModel;
            using ModelContextProtocol.Protocol;
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public static class EchoTools
            {
                [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
                public static string Echo(McpServer server, RequestContext<CallToolRequestParams> context, string message) => message;
            }
            """);
        tool.ExpectedDiagnostics.Add(SdkTest.Tool(9, 26, "EchoTools.Echo",
            "{\"type\":\"function\",\"function\":{\"description\":\"Echoes the message back.\",\"name\":\"echo\",\"parameters\":{\"type\":\"object\",\"required\":[\"message\"],\"properties\":{\"message\":{\"type\":\"string\"}},\"additionalProperties\":false}}}"));
        await tool.RunAsync();
    }
}
