using PromptLint.Core.FrontEnds;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, held-out shapes: one OpenAI function or tool saved as a JSON file of its own (the object itself at the
/// root, not a list) is a tool schema, found by content like a list; configuration files and JSON Schema documents that
/// also have a name or a description are not.
/// </summary>
public sealed class SingleToolDiscoveryTests
{
    private const string FlatFunction = """
        {
          "name": "create_ticket",
          "description": "Open a support ticket for the signed-in customer.",
          "parameters": {
            "type": "object",
            "properties": { "subject": { "type": "string" }, "body": { "type": "string" } },
            "required": ["subject"]
          }
        }
        """;

    private const string WrappedFunction = """
        {
          "type": "function",
          "function": {
            "name": "close_ticket",
            "description": "Close a support ticket.",
            "parameters": { "type": "object", "properties": { "id": { "type": "string" } } }
          }
        }
        """;

    private const string McpTool = """
        { "name": "list_tickets", "title": "List tickets", "description": "Lists open tickets.", "inputSchema": { "type": "object" } }
        """;

    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("functions/create_ticket.json", FlatFunction)]
    [InlineData("functions/close_ticket.json", WrappedFunction)]
    [InlineData("mcp/list_tickets.json", McpTool)]
    public void OneToolAtTheRoot_IsAToolSchema(string path, string text)
        => Assert.Equal(PromptFileKind.ToolSchema, Detect(path, text));

    [Theory]
    [InlineData("functions/create_ticket.json", FlatFunction, "create_ticket")]
    [InlineData("functions/close_ticket.json", WrappedFunction, "close_ticket")]
    [InlineData("mcp/list_tickets.json", McpTool, "list_tickets")]
    public void OneToolAtTheRoot_IsReadAsOneMeasuredTool(string path, string text, string name)
    {
        var result = PromptFileReader.Read(Input(path, text), PromptFileKind.ToolSchema);

        Assert.Empty(result.Problems);
        var tool = Assert.Single(Single(result).Tools);
        Assert.Equal(name, tool.Name);
        Assert.Contains("\"" + name + "\"", tool.WireJson, StringComparison.Ordinal);
    }

    [Theory]
    // package.json, tsconfig, appsettings and launchSettings have names and descriptions but none of a tool's schema.
    [InlineData("tools/package.json", "{ \"name\": \"ticket-bot\", \"description\": \"A bot\", \"version\": \"1.0.0\", \"scripts\": { \"build\": \"tsc\" } }")]
    [InlineData("tools/tsconfig.json", "{ \"compilerOptions\": { \"strict\": true }, \"include\": [\"src\"] }")]
    [InlineData("tools/appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } }, \"AllowedHosts\": \"*\" }")]
    [InlineData("Properties/launchSettings.json", "{ \"profiles\": { \"web\": { \"commandName\": \"Project\" } } }")]
    // A JSON Schema document: "$schema", or "properties" at its root, even with a name and a description.
    [InlineData("schemas/ticket.json", "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"name\": \"ticket\", \"description\": \"A ticket\", \"parameters\": { \"type\": \"object\" } }")]
    [InlineData("schemas/ticket2.json", "{ \"title\": \"Ticket\", \"description\": \"A ticket\", \"type\": \"object\", \"properties\": { \"id\": { \"type\": \"string\" } } }")]
    [InlineData("schemas/ticket3.json", "{ \"name\": \"ticket\", \"description\": \"A ticket\", \"type\": \"object\", \"properties\": { \"id\": { \"type\": \"string\" } } }")]
    // A response format (name, strict, schema) is not a tool, and neither is an object with a tool's keys and others.
    [InlineData("formats/answer.json", "{ \"name\": \"answer\", \"description\": \"The answer\", \"strict\": true, \"schema\": { \"type\": \"object\" } }")]
    [InlineData("plugins/manifest.json", "{ \"name\": \"tickets\", \"description\": \"Tickets\", \"parameters\": { \"type\": \"object\" }, \"version\": \"2\", \"author\": \"me\" }")]
    [InlineData("data/wrapped.json", "{ \"type\": \"module\", \"function\": { \"name\": \"x\" } }")]
    [InlineData("data/no-schema.json", "{ \"name\": \"create_ticket\", \"description\": \"Opens a ticket\", \"parameters\": \"subject, body\" }")]
    [InlineData("data/person.json", "{ \"name\": \"Ada Lovelace\", \"description\": \"Engineer\", \"parameters\": { \"age\": 36 } }")]
    public void ConfigurationOrSchemaWithAToolsWords_IsSkipped(string path, string text)
        => Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
}
