using PromptLint.Core.FrontEnds;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// A file the default globs take for a tool list by its name (<c>*_tools.json</c>, <c>*.tools.json</c>), issue 29's
/// held-out round: a catalogue keyed by tool name is read as a tool list, valid JSON of another shape is skipped
/// without a word (never PL0101), and broken JSON is still PL0101. A file a user lists is read as a tool list whatever
/// its shape. JSON written for the test.
/// </summary>
public class NamedToolListDiscoveryTests
{
    // Tools keyed by their name, each value a function without its name.
    private const string ToolsByName = """
        {
          "search": {
            "description": "Finds files whose text matches a regular expression.",
            "parameters": { "type": "object", "properties": { "pattern": { "type": "string" } }, "required": ["pattern"] }
          },
          "edit": {
            "description": "Replaces one exact block of text in a file.",
            "parameters": { "type": "object", "properties": { "path": { "type": "string" }, "old": { "type": "string" }, "new": { "type": "string" } } }
          },
          "list_open_files": { "description": "Lists the files open in the editor." }
        }
        """;

    private static PromptFileKind Found(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    private static PromptFileResult ReadFound(string path, string text)
    {
        var input = Input(path, text);
        input.Discovered = true;
        return PromptFileReader.Read(input, Found(path, text));
    }

    [Theory]
    [InlineData("agent/coding_tools.json")]
    [InlineData("agent/coding.tools.json")]
    public void ToolsKeyedByName_AreReadAsAToolList_EachKeyTheToolsName(string path)
    {
        var result = ReadFound(path, ToolsByName);

        Assert.Empty(result.Problems);
        var template = Assert.Single(result.Templates);
        Assert.Equal(new[] { "search", "edit", "list_open_files" }, template.Tools.Select(t => t.Name));
        Assert.Equal(new[] { 2, 6, 10 }, template.Tools.Select(t => t.Location.Line));
        Assert.StartsWith("{\"type\":\"function\",\"function\":{\"name\":\"search\",\"description\":\"Finds files", template.Tools[0].WireJson, StringComparison.Ordinal);
        Assert.Equal("{\"type\":\"function\",\"function\":{\"name\":\"list_open_files\",\"description\":\"Lists the files open in the editor.\"}}", template.Tools[2].WireJson);
    }

    [Fact]
    public void ToolsKeyedByName_WithMcpSchemasAndTheirOwnNames_AreReadAsTheyAreWritten()
    {
        const string text = """
            {
              "$schema_version": "2",
              "fetch": { "name": "fetch_url", "description": "Fetches a URL.", "inputSchema": { "type": "object", "properties": { "url": { "type": "string" } } } },
              "read": { "description": "Reads a file.", "input_schema": { "type": "object" } }
            }
            """;

        // The first entry is not a tool, so the start of the text does not show the map: by default it is skipped...
        Assert.Equal(PromptFileKind.Unknown, Found("mcp_tools.json", text));

        // ...and without the leading entry it is read, a value that names itself keeping its own name.
        var tools = Single(ReadFound("mcp_tools.json", text.Replace("  \"$schema_version\": \"2\",\n", string.Empty, StringComparison.Ordinal))).Tools;
        Assert.Equal(new[] { "fetch_url", "read" }, tools.Select(t => t.Name));
        Assert.Contains("\"parameters\":{\"type\":\"object\",\"properties\":{\"url\"", tools[0].WireJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 3, \"enabled\": [\"search\", \"edit\"] }")]
    [InlineData("{ \"search\": { \"enabled\": true, \"timeout_ms\": 3000 }, \"edit\": { \"enabled\": false } }")]
    [InlineData("[ \"search\", \"edit\" ]")]
    [InlineData("{ \"search\": { \"title\": \"Search\", \"description\": \"Finds files.\", \"icon\": \"magnifier\" } }")]
    [InlineData("{}")]
    public void ValidJsonOfAnotherShape_NamedAsAToolList_IsSkippedWithoutAProblem(string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Found("config/agent_tools.json", text));
        var result = ReadFound("config/agent_tools.json", text);
        Assert.Empty(result.Problems);
        Assert.Empty(result.Templates);
    }

    [Theory]
    [InlineData("[ { \"name\": \"search\", \"parameters\": { \"type\": \"object\" } } ]  ]", "invalid JSON at line 1")]
    [InlineData("{ \"search\": { \"description\": \"Finds files.\",, } }", "invalid JSON at line 1")]
    [InlineData("this is not JSON", "invalid JSON at line 1")]
    public void InvalidJson_NamedAsAToolList_IsStillPL0101(string text, string problem)
    {
        Assert.Equal(PromptFileKind.ToolSchema, Found("agent_tools.json", text));
        Assert.Contains(problem, SingleProblem(ReadFound("agent_tools.json", text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJsonAfterTheFirstTools_NamedAsAToolList_IsStillPL0101()
    {
        var text = ToolsByName.TrimEnd().TrimEnd('}') + ",\n  \"broken\": { \"description\": \n}\n";

        Assert.Equal(PromptFileKind.ToolSchema, Found("agent_tools.json", text));
        Assert.Contains("invalid JSON at line", SingleProblem(ReadFound("agent_tools.json", text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListedFileOfAnotherShape_KeepsItsProblem()
    {
        const string text = "{ \"version\": 3, \"enabled\": [\"search\"] }";

        var kind = PromptFileKinds.Resolve("auto", "agent_tools.json", text.Length, () => text, 1_000_000);

        Assert.Equal(PromptFileKind.ToolSchema, kind);
        Assert.Contains("needs a top-level array of tools", SingleProblem(PromptFileReader.Read(Input("agent_tools.json", text), kind)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolsKeyedByName_WhenListed_AreReadToo()
    {
        var kind = PromptFileKinds.Resolve("tools", "catalog.json", ToolsByName.Length, () => ToolsByName, 1_000_000);

        Assert.Equal(3, Single(PromptFileReader.Read(Input("catalog.json", ToolsByName), kind)).Tools.Count);
    }

    // Regression: an MCP dump writes its keys in order, "name" after an "inputSchema" longer than the head; named as a
    // tool list and found by default, it was skipped (GitHub's MCP server's tool lists in the shared corpus).
    [Fact]
    public void LongToolListWhoseFirstNameIsPastTheHead_IsStillRead()
    {
        var properties = string.Join(",", Enumerable.Range(1, 80).Select(i => $"\n          \"field_{i}\": {{ \"type\": \"string\", \"description\": \"Value of field {i}.\" }}"));
        var text = "{\n  \"tools\": [\n    {\n      \"annotations\": { \"readOnlyHint\": true },\n      \"description\": \"Gets a record.\",\n      \"inputSchema\": {\n        \"properties\": {" + properties + "\n        },\n        \"type\": \"object\"\n      },\n      \"name\": \"get_record\"\n    }\n  ]\n}\n";
        Assert.True(text.Length > PromptFileKinds.HeadCharacters, "the first tool's name must be past the head");

        Assert.Equal(PromptFileKind.ToolSchema, Found("mcp-tools-list/records.tools.json", text));
        Assert.Equal("get_record", Assert.Single(Single(ReadFound("mcp-tools-list/records.tools.json", text)).Tools).Name);
    }

    [Fact]
    public void LongSingleToolWhoseNameIsPastTheHead_IsStillRead()
    {
        var properties = string.Join(",", Enumerable.Range(1, 80).Select(i => $"\"field_{i}\": {{ \"type\": \"string\", \"description\": \"Value of field {i}.\" }}"));
        var text = "{ \"annotations\": { \"title\": \"Get record\" }, \"description\": \"Gets a record.\", \"inputSchema\": { \"type\": \"object\", \"properties\": {" + properties + "} }, \"name\": \"get_record\" }";
        Assert.True(text.Length > PromptFileKinds.HeadCharacters, "the tool's name must be past the head");

        Assert.Equal(PromptFileKind.ToolSchema, Found("get_record.tools.json", text));
        Assert.Equal("get_record", Assert.Single(Single(ReadFound("get_record.tools.json", text)).Tools).Name);
    }

    [Fact]
    public void LongToolMapWhoseFirstDescriptionIsPastTheHead_IsRead()
    {
        var text = "{ \"search\": { \"description\": \"" + string.Concat(Enumerable.Repeat("Finds files by a pattern. ", 300)) + "\", \"parameters\": { \"type\": \"object\" } }, \"edit\": { \"description\": \"Edits.\" } }";

        Assert.Equal(PromptFileKind.ToolSchema, Found("agent_tools.json", text));
        var result = ReadFound("agent_tools.json", text);
        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "search", "edit" }, Single(result).Tools.Select(t => t.Name));
    }

    [Theory]
    [InlineData("{ \"settings\": { \"theme\": \"dark\", \"notes\": \"{0}\" } }")]
    [InlineData("{ \"search\": { \"description\": \"{0}\", \"enabled\": true } }")]
    [InlineData("[ \"{0}\" ]")]
    public void LongValidJsonOfAnotherShape_NamedAsAToolList_IsSkippedWithoutAProblem(string shape)
    {
        var text = shape.Replace("{0}", new string('x', 5_000), StringComparison.Ordinal);

        var kind = Found("config/agent_tools.json", text);
        var input = Input("config/agent_tools.json", text);
        input.Discovered = true;
        var result = PromptFileReader.Read(input, kind);

        Assert.True(kind == PromptFileKind.Unknown || result.Problems.Count == 0, $"{kind}: {string.Join("; ", result.Problems.Select(p => p.Message))}");
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void WrappedFunctionWrittenKeyFirst_IsNotTakenForAMap()
    {
        const string text = "{ \"function\": { \"name\": \"search\", \"description\": \"Finds files.\", \"parameters\": { \"type\": \"object\" } }, \"type\": \"function\" }";

        Assert.False(ToolNameMap.Matches(text));
    }
}
