using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, seventh held-out round: MCP tools/list dumps whose keys are in alphabetical order (annotations,
/// description, inputSchema, name) are tool lists whatever the first tool's schema holds: a "required" list before the
/// tool's name, or a schema so large that the name falls past the part of the file the shape is judged from.
/// </summary>
public sealed class ToolListKeyOrderTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    private static string Tool(string name, string properties, string required)
        => "  {\n    \"annotations\": {\n      \"title\": \"" + name + "\",\n      \"readOnlyHint\": true\n    },\n"
            + "    \"description\": \"Runs the " + name + " operation on the cluster\",\n"
            + "    \"inputSchema\": {\n      \"type\": \"object\",\n      \"properties\": {\n" + properties + "\n      }" + required + "\n    },\n"
            + "    \"name\": \"" + name + "\"\n  }";

    private static string Property(string name) => "        \"" + name + "\": {\n          \"description\": \"The " + name + " to use (optional)\",\n          \"type\": \"string\"\n        }";

    [Fact]
    public void FirstToolWithARequiredListBeforeItsName_IsAToolList()
    {
        var text = "[\n" + Tool("chart_install", Property("chart") + ",\n" + Property("name"), ",\n      \"required\": [\n        \"chart\",\n        \"name\"\n      ]") + ",\n" + Tool("chart_list", Property("namespace"), string.Empty) + "\n]\n";

        Assert.True(ToolListShape.Matches(text));
        Assert.Equal(PromptFileKind.ToolSchema, Detect("repo/testdata/cluster-tools-dump.json", text));
    }

    [Fact]
    public void FirstToolWhoseNameFallsPastTheHead_IsAToolList()
    {
        var properties = string.Join(",\n", Enumerable.Range(1, 60).Select(i => Property("option" + i)));
        var text = "[\n" + Tool("mesh_metrics", properties, string.Empty) + "\n]\n";
        Assert.True(text.IndexOf("\"name\"", StringComparison.Ordinal) > PromptFileSniffer.HeadCharacters);

        Assert.True(ToolListShape.Matches(text.Substring(0, PromptFileSniffer.HeadCharacters)));
        Assert.Equal(PromptFileKind.ToolSchema, Detect("repo/testdata/mesh-tools-dump.json", text));
    }

    [Fact]
    public void CutOffListOfRunsWithADescriptionAndParameters_IsNotAToolList()
    {
        var settings = string.Join(",\n", Enumerable.Range(1, 200).Select(i => "      \"setting" + i + "\": " + i));
        var text = "[\n  {\n    \"description\": \"Baseline run on the March data\",\n    \"parameters\": {\n" + settings + "\n    },\n    \"score\": 0.91\n  }\n]\n";
        Assert.True(text.Length > PromptFileSniffer.HeadCharacters);

        Assert.False(ToolListShape.Matches(text.Substring(0, PromptFileSniffer.HeadCharacters)));
        Assert.Equal(PromptFileKind.Unknown, Detect("repo/data/runs.json", text));
    }
}
