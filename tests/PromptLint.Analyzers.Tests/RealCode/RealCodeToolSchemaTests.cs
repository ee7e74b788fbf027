using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using PromptLint.Analyzers.CSharp;
using PromptLint.Analyzers.Tests.CSharp;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Core.Reporting;
using SharpToken;
using Xunit.Abstractions;

namespace PromptLint.Analyzers.Tests.RealCode;

/// <summary>
/// Tool schemas as each library sends them (issue 14, item 4; issue 33, item 3): every method tool of the corpus is
/// compiled, loaded and handed to the real library (<c>AIFunctionFactory.Create</c>, <c>McpServerTool.Create</c>), and
/// the tool is turned into what Microsoft.Extensions.AI's OpenAI adapter puts on the wire (<see cref="CSharp.ToolWireOracle"/>);
/// PromptLint's measurement of the same tool must count the same tokens.
/// </summary>
public class RealCodeToolSchemaTests(ITestOutputHelper output)
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    public static TheoryData<int> MethodTools()
    {
        var data = new TheoryData<int>();
        foreach (var entry in RealCodeCorpus.Expected().Where(e => e.Kind == "tool" && Library(e) is "mcp" or "meai" && Method(e) is not null))
        {
            data.Add(entry.Index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodTools))]
    public async Task MethodTool_CountsWhatTheLibrarySends(int index)
    {
        var entry = RealCodeCorpus.Expected()[index];
        var compilation = RealCodeCorpus.Compile(entry.File);
        var type = entry.Json.GetProperty("type").GetString()!;
        var method = LoadMethod(compilation, type, Method(entry)!);
        if (method is null)
        {
            // A local function: the library is handed a delegate the compiler names; the prompt test covers it.
            output.WriteLine($"{entry}: {Method(entry)} is not a member of {type}");
            return;
        }

        var wire = Library(entry) == "mcp" ? FromMcp(method) : FromMeai(method);
        var expected = O200k.CountTokens(wire);

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
        var measured = diagnostics.Where(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] == "tool")
            .FirstOrDefault(d => d.Properties[MeasurementProperties.Keys.PromptId]!.EndsWith("." + Method(entry), StringComparison.Ordinal));
        Assert.True(measured is not null, $"{entry}: no measurement of {Method(entry)}");
        var tokens = int.Parse(measured.Properties[MeasurementProperties.Keys.ToolSchemaTokens]!, CultureInfo.InvariantCulture);
        output.WriteLine($"{entry}: library sends {expected} tokens: {wire}");
        Assert.Equal(expected, tokens);
    }

    private static MethodInfo? LoadMethod(Compilation compilation, string type, string method)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());
        return assembly.GetType(type)?.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance);
    }

    // What the OpenAI adapter sends for the function (issue 33: its wire shape, not the function's own schema).
    private static string FromMeai(MethodInfo method)
        => ToolWireOracle.Of(AIFunctionFactory.Create(method, method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(method.DeclaringType!)));

    // The server binds what dependency injection provides: HttpClient and the application's services (the interfaces
    // the corpus declares), as a host that registers them does.
    private static string FromMcp(MethodInfo method)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new HttpClient());
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsInterface && parameter.ParameterType.Namespace?.StartsWith("Corpus", StringComparison.Ordinal) == true)
            {
                services.AddSingleton(parameter.ParameterType, _ => null!);
            }
        }

        var options = new McpServerToolCreateOptions { Services = services.BuildServiceProvider() };
        var tool = McpServerTool.Create(method, method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(method.DeclaringType!), options).ProtocolTool;
        return ToolWireOracle.Of(AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.InputSchema));
    }

    private static string? Library(ExpectedEntry entry) => entry.Json.TryGetProperty("library", out var library) ? library.GetString() : null;

    private static string? Method(ExpectedEntry entry) => entry.Json.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String ? method.GetString() : null;
}
