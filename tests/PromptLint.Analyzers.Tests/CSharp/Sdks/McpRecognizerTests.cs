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
}
