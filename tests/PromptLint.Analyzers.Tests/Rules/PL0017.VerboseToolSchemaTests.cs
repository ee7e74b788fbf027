using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0017 for written schemas.</summary>
public sealed class VerboseToolSchemaTests
{
    [Fact]
    public async Task VerboseToolSchema_ReportsPL0017ForWrittenSchemas_StrictAndReconstructedKeywordsDoNot()
    {
        var test = Test("""
            using System;
            using System.ComponentModel;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            public static class Weather
            {
                private const string Verbose = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"title\":\"City\",\"description\":\"The city.\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"],\"default\":\"c\"}},\"required\":[\"city\"],\"additionalProperties\":false}";
                private const string Strict = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\",\"unit\"],\"additionalProperties\":false}";

                public static ChatTool Loose() => ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString(Verbose));
                public static ChatTool StrictTool() => ChatTool.CreateFunctionTool("get_forecast", "Forecast for a city.", BinaryData.FromString(Strict), functionSchemaIsStrict: true);

                [Description("Current weather for a city.")]
                public static string Lookup(string city, string unit = "c", int days = 1, bool hourly = false) => city;

                public static AITool[] Tools() => [AIFunctionFactory.Create(Lookup)];
            }
            """)
            .WithFile("weather.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"title\":\"City\",\"description\":\"The city.\",\"examples\":[\"Paris\",\"Lima\"]},\"unit\":{\"type\":\"string\",\"default\":\"c\"}},\"additionalProperties\":false}}}]")
            .WithFile("forecast.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Forecast for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name and country, e.g. 'Paris, FR'.\"}},\"required\":[\"city\"]}}}]")
            .WithOption("promptlint.tool_schema_waste_min_tokens", "1");
        test.ExpectedDiagnostics.Add(At("PL0017", DiagnosticSeverity.Info, 11, 39, 11, 144));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0017", DiagnosticSeverity.Info).WithSpan(Dir + "/weather.tools.json", 1, 1, 1, 308));
        await test.RunAsync();
    }
}
