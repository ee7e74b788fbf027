using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using ModelContextProtocol.Server;
using OpenAI.Chat;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Analyzers.Tests.RealCode;
using PromptLint.Core.Reporting;
using SharpToken;
using Xunit.Abstractions;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Tool schemas exactly as each SDK puts them on the wire (issue 33, item 3). The oracle is the SDK itself: the tool
/// is built by the real library from the compiled method, turned into the OpenAI chat tool that library sends
/// (<c>AsOpenAIChatTool()</c> for Microsoft.Extensions.AI and MCP tools, Semantic Kernel's OpenAI connector for
/// <c>[KernelFunction]</c>s, <c>ChatTool.CreateFunctionTool</c> itself), written with the OpenAI SDK's own serializer
/// (<c>ModelReaderWriter</c>), made compact, and counted with SharpToken. PromptLint's count of the same tool must match.
/// </summary>
public class WireToolSchemaTests(ITestOutputHelper output)
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    // Tools in the shapes applications write, in one file: every SDK below is handed methods of these types.
    private const string Source = """
        using System;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Server;

        namespace Wire;

        public enum Unit { Celsius, Fahrenheit }

        public static class Weather
        {
            [Description("Gets the current weather for a city.")]
            public static string GetWeather([Description("The city name, e.g. Oslo.")] string city, Unit unit = Unit.Celsius) => city;

            public static string Undescribed(string city, int days) => city;

            [Description("Looks up the forecast.")]
            public static Task<string> GetForecastAsync(string city, CancellationToken cancellationToken) => Task.FromResult(city);

            public static void Register()
            {
                AIFunctionFactory.Create(GetWeather);
                AIFunctionFactory.Create(Undescribed);
                AIFunctionFactory.Create(GetForecastAsync);
                AIFunctionFactory.Create(GetTideAsync);

                [Description("Gets the tide times for a harbour.")]
                static Task<string> GetTideAsync(string harbour) => Task.FromResult(harbour);
            }
        }

        public sealed class OrderPlugin
        {
            [KernelFunction("get_order_status"), Description("Gets the status of an order.")]
            public string GetOrderStatus([Description("The order number.")] string orderId, string? carrier = null) => orderId;

            [KernelFunction, Description("Lists recent orders.")]
            public string ListOrders(int count = 5, bool includeCancelled = false) => "";

            [KernelFunction]
            public string CancelOrder(string orderId) => orderId;
        }

        [McpServerToolType]
        public static class InventoryTools
        {
            [McpServerTool, Description("Gets the stock level of a product.")]
            public static int GetStockLevel([Description("The product SKU.")] string sku, int? warehouse = null) => 0;

            [McpServerTool]
            public static Task<decimal> FetchPriceAsync(string sku) => Task.FromResult(0m);

            [McpServerTool(Name = "reserve"), Description("Reserves items.")]
            public static Task<bool> ReserveItemsAsync(string sku, int quantity, CancellationToken cancellationToken) => Task.FromResult(true);
        }
        """;

    private static CSharpCompilation Compile(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/proj/Wire.cs");
        return CSharpCompilation.Create("Wire", [tree], RealCodeCorpus.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static readonly Lazy<(CSharpCompilation Compilation, Assembly Assembly)> Compiled = new(() =>
    {
        var compilation = Compile(Source);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return (compilation, Assembly.Load(stream.ToArray()));
    });

    [Theory]
    [InlineData("GetWeather")]
    [InlineData("Undescribed")]
    [InlineData("GetForecastAsync")]
    public async Task AIFunctionFactoryTool_CountsWhatTheOpenAiAdapterSends(string method)
    {
        var function = AIFunctionFactory.Create(Method("Wire.Weather", method), target: null);
        await AssertCountsTheWire(method, Wire(function.AsOpenAIChatTool()));
    }

    [Fact]
    public async Task AIFunctionFactoryToolOverALocalFunction_CountsTheNameTheCompilerGivesIt()
    {
        var local = Compiled.Value.Assembly.GetType("Wire.Weather")!.GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Single(m => m.Name.Contains("GetTideAsync", StringComparison.Ordinal));
        var function = AIFunctionFactory.Create(local, target: null);
        await AssertCountsTheWire("GetTideAsync", Wire(function.AsOpenAIChatTool()));
    }

    [Theory]
    [InlineData("GetOrderStatus")]
    [InlineData("ListOrders")]
    [InlineData("CancelOrder")]
    public async Task KernelFunctionPluginTool_CountsWhatTheOpenAiConnectorSends(string method)
    {
        // A plugin added with AddFromType<OrderPlugin>() is named after its type.
        var type = Compiled.Value.Assembly.GetType("Wire.OrderPlugin")!;
        var plugin = KernelPluginFactory.CreateFromObject(Activator.CreateInstance(type)!, "OrderPlugin");
        var function = plugin.Single(f => f.Metadata.Name == (method == "GetOrderStatus" ? "get_order_status" : method));
        await AssertCountsTheWire(method, Wire(function.Metadata.ToOpenAIFunction().ToFunctionDefinition(false)));
    }

    [Theory]
    [InlineData("GetStockLevel")]
    [InlineData("ReserveItemsAsync")]
    [InlineData("FetchPriceAsync")]
    public async Task McpServerTool_CountsWhatAClientSendsToTheModel(string method)
    {
        // A client lists the tool (name, description, input schema) and offers it to the model as a function.
        var tool = McpServerTool.Create(Method("Wire.InventoryTools", method)).ProtocolTool;
        var declaration = AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.InputSchema);
        await AssertCountsTheWire(method, Wire(declaration.AsOpenAIChatTool()));
    }

    [Fact]
    public async Task ChatToolCreateFunctionTool_CountsWhatTheSdkSends()
    {
        const string parameters = """{ "type": "object", "properties": { "city": { "type": "string", "description": "The city." } }, "required": [ "city" ] }""";
        var wire = Wire(ChatTool.CreateFunctionTool("get_weather", "Gets the weather.", BinaryData.FromString(parameters)));
        var compilation = Compile($$""""
            using System;
            using OpenAI.Chat;

            public static class Tools
            {
                public static ChatTool Weather() => ChatTool.CreateFunctionTool("get_weather", "Gets the weather.", BinaryData.FromString("""{{parameters}}"""));
            }
            """");
        var measured = (await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" }))
            .Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] == "tool");
        output.WriteLine($"SDK sends {O200k.CountTokens(wire)} tokens: {wire}");
        Assert.Equal(O200k.CountTokens(wire), int.Parse(measured.Properties[MeasurementProperties.Keys.ToolSchemaTokens]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ChatToolWithParametersAsAUtf8Literal_IsMeasuredAsTheSdkSendsIt()
    {
        // BinaryData.FromBytes("""{…}"""u8.ToArray()): the shape of the OpenAI SDK's own examples, pretty-printed JSON.
        const string parameters = """
            {
                "type": "object",
                "properties": { "location": { "type": "string", "description": "The city and state." } },
                "required": [ "location" ]
            }
            """;
        var wire = Wire(ChatTool.CreateFunctionTool("get_weather", "Gets the weather.", BinaryData.FromBytes(System.Text.Encoding.UTF8.GetBytes(parameters))));
        var compilation = Compile($$"""""
            using System;
            using OpenAI.Chat;

            public static class Tools
            {
                private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
                    functionName: "get_weather",
                    functionDescription: "Gets the weather.",
                    functionParameters: BinaryData.FromBytes("""
            {{parameters}}
            """u8.ToArray()));
            }
            """"");
        var measured = (await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" }))
            .Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] == "tool");
        output.WriteLine($"SDK sends {O200k.CountTokens(wire)} tokens: {wire}");
        Assert.Equal(O200k.CountTokens(wire), int.Parse(measured.Properties[MeasurementProperties.Keys.ToolSchemaTokens]!, CultureInfo.InvariantCulture));
    }

    private async Task AssertCountsTheWire(string method, string wire)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Compiled.Value.Compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
        var measured = diagnostics.Where(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] == "tool")
            .FirstOrDefault(d => d.Properties[MeasurementProperties.Keys.PromptId]!.EndsWith("." + method, StringComparison.Ordinal));
        Assert.True(measured is not null, $"no measurement of {method}");
        var expected = O200k.CountTokens(wire);
        output.WriteLine($"{method}: SDK sends {expected} tokens: {wire}");
        Assert.Equal(expected, int.Parse(measured.Properties[MeasurementProperties.Keys.ToolSchemaTokens]!, CultureInfo.InvariantCulture));
    }

    private static MethodInfo Method(string type, string name)
        => Compiled.Value.Assembly.GetType(type)!.GetMethod(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)!;

    private static string Wire(ChatTool tool) => ToolWireOracle.Of(tool);
}
