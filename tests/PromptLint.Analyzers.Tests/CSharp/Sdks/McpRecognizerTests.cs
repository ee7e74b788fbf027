namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>MCP tools are recognized by the SDK's attribute symbol, never a look-alike's.</summary>
public class McpRecognizerTests
{
    [Fact]
    public async Task UserAttributeNamedMcpServerTool_IsNotATool()
    {
        await SdkTest.Measuring("""
            using System;

            namespace Shop
            {
                [AttributeUsage(AttributeTargets.Method)]
                public sealed class McpServerToolAttribute : Attribute
                {
                    public string? Name { get; set; }
                }

                public static class EchoTools
                {
                    [McpServerTool(Name = "echo")]
                    public static string Echo(string message) => message;

                    [ModelContextProtocol.Server.McpServerTool(Name = "shout")]
                    public static string {|PL9000:Shout|}(string message) => message.ToUpperInvariant();
                }
            }
            """).RunAsync();
    }
}
