using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class ToolSchemaFrontEndTests
{
    private const string Path = "tools/weather.tools.json";

    // Chat Completions "tools" array.
    private const string OpenAiArray = """
        [
          {
            "type": "function",
            "function": {
              "name": "get_weather",
              "description": "Get the current weather for a city.",
              "parameters": {
                "type": "object",
                "properties": {
                  "city": { "type": "string", "description": "City name, e.g. Paris" },
                  "unit": { "type": "string", "enum": ["celsius", "fahrenheit"] }
                },
                "required": ["city"],
                "additionalProperties": false
              },
              "strict": true
            }
          },
          {
            "type": "function",
            "function": {
              "name": "get_time",
              "description": "Get the current local time for a city.",
              "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] }
            }
          }
        ]
        """;

    // A saved Chat Completions request body: the tools sit under "tools" beside other keys.
    private const string RequestBody = """
        {
          "model": "gpt-4o",
          "messages": [{ "role": "user", "content": "Where is my order?" }],
          "tools": [
            {
              "type": "function",
              "function": {
                "name": "lookup_order",
                "description": "Look up an order by id.",
                "parameters": { "type": "object", "properties": { "order_id": { "type": "string" } }, "required": ["order_id"] }
              }
            }
          ],
          "tool_choice": "auto"
        }
        """;

    // An MCP tools/list result.
    private const string McpToolsList = """
        {
          "tools": [
            {
              "name": "search_issues",
              "title": "Search issues",
              "description": "Search GitHub issues by query.",
              "inputSchema": {
                "type": "object",
                "properties": {
                  "query": { "type": "string", "description": "Search query" },
                  "limit": { "type": "integer", "minimum": 1, "maximum": 100 }
                },
                "required": ["query"]
              },
              "annotations": { "readOnlyHint": true }
            },
            {
              "name": "ping",
              "inputSchema": { "type": "object" }
            }
          ],
          "nextCursor": "page-2"
        }
        """;

    // Anthropic Messages API tools.
    private const string Anthropic = """
        [
          {
            "name": "get_stock_price",
            "description": "Get the current stock price for a ticker symbol.",
            "input_schema": {
              "type": "object",
              "properties": {
                "ticker": { "type": "string", "description": "The stock ticker symbol, e.g. AAPL" }
              },
              "required": ["ticker"]
            }
          }
        ]
        """;

    // Responses API flat function tools.
    private const string Responses = """
        {
          "tools": [
            {
              "type": "function",
              "name": "get_horoscope",
              "description": "Get today's horoscope for an astrological sign.",
              "parameters": {
                "type": "object",
                "properties": { "sign": { "type": "string", "description": "An astrological sign like Taurus or Aquarius" } },
                "required": ["sign"],
                "additionalProperties": false
              },
              "strict": true
            }
          ]
        }
        """;

    private static PromptFileResult Read(string text) => ToolSchemaFrontEnd.Read(Input(Path, text));

    [Fact]
    public void OpenAiToolsArray_ReadsEveryToolWithItsLine()
    {
        var template = Single(Read(OpenAiArray));

        Assert.Equal(new[] { "get_weather", "get_time" }, template.Tools.Select(t => t.Name));
        Assert.Equal(new[] { 2, 19 }, template.Tools.Select(t => t.Location.Line));
        Assert.All(template.Tools, t => Assert.Equal(Path, t.Location.Path));
    }

    [Fact]
    public void OpenAiFunctionTool_IsSentAsWrittenInCompactJson()
    {
        var tool = Single(Read(OpenAiArray)).Tools[0];

        Assert.Equal(
            """{"type":"function","function":{"name":"get_weather","description":"Get the current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Paris"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"],"additionalProperties":false},"strict":true}}""",
            tool.WireJson);
    }

    [Fact]
    public void ToolSchemaTemplate_IsAToolSchemaPromptWithoutMessagesAtItsFirstTool()
    {
        var template = Single(Read(OpenAiArray));

        Assert.Equal(PromptRole.ToolSchema, template.Role);
        Assert.Empty(template.Messages);
        Assert.Equal(new SourceLocation(Path, 2, 1), template.Location);
        Assert.Null(template.Model);
        Assert.Null(template.ModelLocation);
        Assert.Null(template.OutputCap);
        Assert.Equal(Path, template.Id);
    }

    [Fact]
    public void ObjectWithToolsArray_ReadsTheToolsAndSkipsOtherKeys()
    {
        var template = Single(Read(RequestBody));

        var tool = Assert.Single(template.Tools);
        Assert.Equal("lookup_order", tool.Name);
        Assert.Equal(5, tool.Location.Line);
        Assert.Equal(
            """{"type":"function","function":{"name":"lookup_order","description":"Look up an order by id.","parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}}""",
            tool.WireJson);
    }

    [Fact]
    public void McpToolsListResult_ConvertsToolsToTheOpenAiFunctionShape()
    {
        var template = Single(Read(McpToolsList));

        Assert.Equal(new[] { "search_issues", "ping" }, template.Tools.Select(t => t.Name));
        Assert.Equal(new[] { 3, 17 }, template.Tools.Select(t => t.Location.Line));
        Assert.Equal(
            """{"type":"function","function":{"name":"search_issues","description":"Search GitHub issues by query.","parameters":{"type":"object","properties":{"query":{"type":"string","description":"Search query"},"limit":{"type":"integer","minimum":1,"maximum":100}},"required":["query"]}}}""",
            template.Tools[0].WireJson);
    }

    [Fact]
    public void McpToolWithoutDescription_ConvertsWithoutDescription()
    {
        var tool = Single(Read(McpToolsList)).Tools[1];

        Assert.Equal("""{"type":"function","function":{"name":"ping","parameters":{"type":"object"}}}""", tool.WireJson);
    }

    [Fact]
    public void AnthropicInputSchema_ConvertsToTheOpenAiFunctionShape()
    {
        var template = Single(Read(Anthropic));

        var tool = Assert.Single(template.Tools);
        Assert.Equal("get_stock_price", tool.Name);
        Assert.Equal(2, tool.Location.Line);
        Assert.Equal(
            """{"type":"function","function":{"name":"get_stock_price","description":"Get the current stock price for a ticker symbol.","parameters":{"type":"object","properties":{"ticker":{"type":"string","description":"The stock ticker symbol, e.g. AAPL"}},"required":["ticker"]}}}""",
            tool.WireJson);
    }

    [Fact]
    public void ResponsesFlatTool_IsSentAsWrittenInCompactJson()
    {
        var template = Single(Read(Responses));

        var tool = Assert.Single(template.Tools);
        Assert.Equal("get_horoscope", tool.Name);
        Assert.Equal(3, tool.Location.Line);
        Assert.Equal(
            """{"type":"function","name":"get_horoscope","description":"Get today's horoscope for an astrological sign.","parameters":{"type":"object","properties":{"sign":{"type":"string","description":"An astrological sign like Taurus or Aquarius"}},"required":["sign"],"additionalProperties":false},"strict":true}""",
            tool.WireJson);
    }

    [Fact]
    public void NonAsciiAndEscapedText_IsWrittenUnescapedAsSent()
    {
        const string text = """
            [
              {
                "name": "book_table",
                "description": "R\u00e9serve une table \u2014 <b>2</b> personnes & plus, \"VIP\" incl.",
                "inputSchema": { "type": "object" }
              }
            ]
            """;

        var tool = Assert.Single(Single(Read(text)).Tools);

        Assert.Equal(
            """{"type":"function","function":{"name":"book_table","description":"Réserve une table — <b>2</b> personnes & plus, \"VIP\" incl.","parameters":{"type":"object"}}}""",
            tool.WireJson);
    }

    [Fact]
    public void ToolSchemaWithCommentsAndTrailingCommas_IsRead()
    {
        const string text = """
            // Tools shared by the support agent.
            [
              { "type": "function", "function": { "name": "escalate", "parameters": { "type": "object", }, }, },
            ]
            """;

        var tool = Assert.Single(Single(Read(text)).Tools);

        Assert.Equal("escalate", tool.Name);
        Assert.Equal(3, tool.Location.Line);
        Assert.Equal("""{"type":"function","function":{"name":"escalate","parameters":{"type":"object"}}}""", tool.WireJson);
    }

    [Fact]
    public void ToolSchemaCrlf_ReadsTheSameAsLf()
    {
        foreach (var text in new[] { OpenAiArray, RequestBody, McpToolsList, Anthropic, Responses })
        {
            Assert.Equal(Dump(Read(text)), Dump(Read(Crlf(text))));
        }
    }

    [Fact]
    public void ToolSchemaWithByteOrderMark_ReadsTheSameAsWithout()
    {
        Assert.Equal(Dump(Read(McpToolsList)), Dump(Read("\uFEFF" + McpToolsList)));
    }

    [Fact]
    public void ToolMatchingNoShape_ReportsLineOfThatToolAndKeepsTheOthers()
    {
        const string text = """
            [
              { "type": "function", "function": { "name": "get_weather", "parameters": { "type": "object" } } },
              { "type": "code_interpreter" },
              {
                "name": "no_schema",
                "description": "Has neither parameters nor inputSchema."
              },
              { "type": "function", "function": { "description": "No name." } },
              "get_time"
            ]
            """;

        var result = Read(text);

        // A named function without parameters (lines 4-7) is a valid tool since issue 29; the rest still are not.
        Assert.Equal(new[] { 3, 8, 9 }, result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Equal(Path, p.Path));
        Assert.All(result.Problems, p => Assert.Contains("neither an OpenAI function tool nor an MCP tool", p.Message));
        var template = Assert.Single(result.Templates);
        Assert.Equal(new[] { "get_weather", "no_schema" }, template.Tools.Select(t => t.Name));
    }

    [Fact]
    public void ToolMatchingNoShapeWithCrlf_ReportsTheSameLine()
    {
        const string text = "{\n  \"tools\": [\n    { \"name\": \"ok\", \"inputSchema\": {} },\n    { \"type\": \"code_interpreter\" }\n  ]\n}\n";

        Assert.Equal(4, SingleProblem(Read(text)).Line);
        Assert.Equal(4, SingleProblem(Read(Crlf(text))).Line);
    }

    [Fact]
    public void InvalidJson_ReportsLineOfTheErrorAndNoTemplate()
    {
        // The missing comma at the end of line 5 makes line 6 the failure.
        var text = OpenAiArray.Replace("\"name\": \"get_weather\",", "\"name\": \"get_weather\"");

        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(Path, problem.Path);
        Assert.Equal(6, problem.Line);
        Assert.Contains("invalid JSON", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Theory]
    [InlineData("[\n  { \"name\": \"ping\", \"inputSchema\": {} }\n]\n]\n", 4)]
    [InlineData("{\n  \"tools\": [ { \"name\": \"ping\", \"inputSchema\": {} } ]\n}\n}\n", 4)]
    [InlineData("[ { \"name\": \"ping\", \"inputSchema\": {} } ]\n\n[ { \"name\": \"pong\", \"inputSchema\": {} } ]\n", 3)]
    public void TextAfterTheTopLevelValue_ReportsInvalidJsonAtItsLine(string text, int line)
    {
        var result = Read(text);

        var problem = SingleProblem(result);
        Assert.Equal(line, problem.Line);
        Assert.Contains("invalid JSON", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void UnterminatedJson_ReportsALineInsideTheFile()
    {
        var result = Read("[\n  { \"name\": \"x\", \"inputSchema\": {\n");

        // The data ends on line 3, after the last newline.
        var problem = SingleProblem(result);
        Assert.Equal(3, problem.Line);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void ObjectWithoutToolsArray_ReportsLine1()
    {
        var result = Read("{\n  \"actions\": [ { \"name\": \"legacy\", \"parameters\": {} } ]\n}\n");

        var problem = SingleProblem(result);
        Assert.Equal(1, problem.Line);
        Assert.Contains("\"tools\"", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void TopLevelScalar_ReportsLine1()
    {
        var problem = SingleProblem(Read("\"get_weather\"\n"));

        Assert.Equal(1, problem.Line);
        Assert.Equal(Path, problem.Path);
    }

    [Fact]
    public void EmptyToolsArray_ReportsNoToolsAtLine1()
    {
        var result = Read("{ \"tools\": [] }");

        var problem = SingleProblem(result);
        Assert.Equal(1, problem.Line);
        Assert.Contains("no tools", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Fact]
    public void OnlyComments_ReportsInvalidJsonWhereTheDataEnds()
    {
        var result = Read("// nothing here yet\n");

        var problem = SingleProblem(result);
        Assert.Equal(2, problem.Line);
        Assert.Contains("invalid JSON", problem.Message);
        Assert.Empty(result.Templates);
    }

    // Regression (issue 29): Teams AI's actions.json lists functions with a name and a description only; the API accepts
    // a function without "parameters", so 18 valid files were PL0101.
    [Fact]
    public void FunctionsWithoutParameters_AreToolsSentWithNameAndDescription()
    {
        var template = Single(Read("[\n  { \"name\": \"lights_on\", \"description\": \"Turns on the lights\" },\n  { \"name\": \"pause\" }\n]\n"));

        Assert.Equal(new[] { "lights_on", "pause" }, template.Tools.Select(t => t.Name));
        Assert.Equal("{\"type\":\"function\",\"function\":{\"name\":\"lights_on\",\"description\":\"Turns on the lights\"}}", template.Tools[0].WireJson);
        Assert.Equal(3, template.Tools[1].Location.Line);
    }

    [Fact]
    public void McpToolsListResponse_ReadsTheToolsInsideResult()
    {
        var template = Single(Read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"ping\",\"description\":\"Ping\",\"inputSchema\":{\"type\":\"object\"}}]}}\n"));

        Assert.Equal("ping", Assert.Single(template.Tools).Name);
    }

    [Fact]
    public void LegacyFunctionsArray_IsReadAsTools()
    {
        var template = Single(Read("{\n  \"functions\": [ { \"name\": \"legacy\", \"parameters\": {} } ]\n}\n"));

        Assert.Equal("legacy", Assert.Single(template.Tools).Name);
    }
}
