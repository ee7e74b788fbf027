using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.AI;
using PromptLint.Analyzers.CSharp;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// The schema PromptLint rebuilds from symbols must equal what Microsoft.Extensions.AI itself produces for the same
/// method: one source is compiled once, read as symbols by the builder and loaded as reflection for AIFunctionFactory.
/// </summary>
public class ToolSchemaBuilderTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;

        namespace Shop;

        public enum Priority { Low, Normal, Urgent }

        public record Address(string Street, int? Number);

        public sealed class Filter
        {
            [Description("Lower bound")] public int Min { get; set; }
            public string? Term { get; set; }
            public required string Category { get; set; }
        }

        public static class Tools
        {
            public static string NoParameters() => "";
            public static string OneString([Description("City name")] string city) => city;
            public static string Numbers(int count, long id, double ratio, decimal price, float weight) => "";
            public static string Defaults(int days = 3, bool metric = true, string unit = "celsius", double ratio = 0.5) => "";
            public static string EnumWithDefault(Priority priority = Priority.Normal) => "";
            public static string Nullables(int? limit, string? note, DateTime? since) => "";
            public static string Arrays(string[] tags, List<int> ids, IReadOnlyList<Address> addresses) => "";
            public static string Record(Address address) => "";
            public static string ClassWithRequired(Filter filter) => "";
            public static string Injected(string query, CancellationToken cancellationToken, IServiceProvider services) => "";
            public static string Dates(DateTime at, DateTimeOffset offset, Guid id, Uri link) => "";
            public static string Bools(bool flag, bool? maybe, char letter) => "";
            public static string Maps(Dictionary<string, int> counts, IReadOnlyDictionary<string, string> tags, object anything) => "";
        }
        """;

    public static TheoryData<string> Methods() => new()
    {
        "NoParameters", "OneString", "Numbers", "Defaults", "EnumWithDefault", "Nullables", "Arrays", "Record", "ClassWithRequired", "Injected", "Dates", "Bools", "Maps",
    };

    private static readonly Lazy<(Compilation Compilation, Assembly Assembly)> Compiled = new(() =>
    {
        var references = Basic.Reference.Assemblies.Net100.References.All;
        var compilation = CSharpCompilation.Create(
            "ToolShapes",
            new[] { CSharpSyntaxTree.ParseText(Source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return (compilation, Assembly.Load(stream.ToArray()));
    });

    [Theory]
    [MemberData(nameof(Methods))]
    public void ReconstructedSchema_EqualsAIFunctionFactorysOwn(string methodName)
    {
        var (compilation, assembly) = Compiled.Value;
        var symbol = compilation.GetTypeByMetadataName("Shop.Tools")!.GetMembers(methodName).OfType<IMethodSymbol>().Single();
        var method = assembly.GetType("Shop.Tools")!.GetMethod(methodName)!;

        var expected = AIFunctionFactory.Create(method, target: null).JsonSchema.GetRawText();

        Assert.Equal(expected, ToolSchemaBuilder.ParametersSchema(symbol));
    }

    [Fact]
    public void FunctionTool_IsTheOpenAiWireShapeWithDescriptionFirst()
    {
        Assert.Equal(
            "{\"type\":\"function\",\"function\":{\"description\":\"Gets the weather.\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}",
            ToolSchemaBuilder.FunctionTool("get_weather", "Gets the weather.", "{ \"type\": \"object\" }"));
        Assert.Equal(
            "{\"type\":\"function\",\"function\":{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}}",
            ToolSchemaBuilder.FunctionTool("ping", null, "{\"type\":\"object\"}"));
    }
}
