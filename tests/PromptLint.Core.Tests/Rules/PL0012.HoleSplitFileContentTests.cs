using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, held-out shapes: JSON a file name or "add to your settings" introduces is that file's content, laid out as
/// the file is, and PL0012 leaves it alone. The same holds when a hole ($ARGUMENTS, {{x}}) splits that JSON: the blocks
/// on either side of the hole still belong to the named file. JSON a hole splits with no such lead-in is judged as before.
/// </summary>
public sealed class HoleSplitFileContentTests
{
    private static readonly RuleSettings AnySaving = new() { { PrettyJson.MinTokens, 1 } };

    // The hole sits in a value near the top, so the nested "editor" object after it parses on its own.
    private const string Before = "Write this to `.vscode/settings.json`:\n\n```json\n{\n  \"workspace.name\": \"";
    private const string After = "\",\n  \"editor\": {\n    \"tabSize\": 2,\n    \"insertSpaces\": true,\n    \"rulers\": [80, 120]\n  }\n}\n```\n\nKeep the file's indentation.\n";

    private static IReadOnlyList<RuleFinding> Evaluate(params PromptSegment[] segments) => StaticTextRule.Findings("PL0012", AnySaving, segments);

    [Fact]
    public void JsonNamedAsAFileAndSplitByAHole_DoesNotTrigger()
        => Assert.Empty(Evaluate(PromptSegment.Static(Before), PromptSegment.Hole("ARGUMENTS"), PromptSegment.Static(After)));

    [Fact]
    public void JsonAddedToSettingsAndSplitByAHole_DoesNotTrigger()
    {
        var before = "Add the following to your MCP client settings:\n\n{\n  \"server\": \"";

        Assert.Empty(Evaluate(PromptSegment.Static(before), PromptSegment.Hole("name"), PromptSegment.Static(After)));
    }

    [Fact]
    public void JsonSplitByAHoleWithoutAFileLeadIn_StillTriggers()
    {
        var before = "Answer with JSON like this example:\n\n{\n  \"title\": \"";

        Assert.Single(Evaluate(PromptSegment.Static(before), PromptSegment.Hole("title"), PromptSegment.Static(After)));
    }

    [Fact]
    public void NestedBlockBeforeTheHole_OfANamedFile_DoesNotTrigger()
    {
        var before = "Save this as config.json:\n{\n  \"editor\": {\n    \"tabSize\": 2,\n    \"insertSpaces\": true\n  },\n  \"owner\": \"";

        Assert.Empty(Evaluate(PromptSegment.Static(before), PromptSegment.Hole("owner"), PromptSegment.Static("\"\n}\n")));
    }

    [Fact]
    public void PrettyJsonAfterTheNamedFileClosed_StillTriggers()
    {
        var after = "\"\n}\n```\n\nThen answer with a summary like this:\n\n{\n  \"changed\": true,\n  \"files\": [\"settings.json\"]\n}\n";

        Assert.Single(Evaluate(PromptSegment.Static(Before), PromptSegment.Hole("ARGUMENTS"), PromptSegment.Static(after)));
    }

    [Fact]
    public void CommandFileWritingSettingsWithArguments_DoesNotTrigger()
    {
        var text = "---\ndescription: Set up the workspace\n---\nCreate the workspace settings. Write this to settings.json:\n\n```json\n{\n  \"workspace.name\": \"$ARGUMENTS\",\n  \"editor\": {\n    \"tabSize\": 2,\n    \"insertSpaces\": true,\n    \"rulers\": [80, 120]\n  }\n}\n```\n";
        var template = Single(PromptFileReader.Read(Input(".claude/commands/setup.md", text), PromptFileKind.Agent));
        Assert.Contains(template.Messages[0].Segments, s => s.IsHole);

        Assert.Empty(StaticTextRule.Findings("PL0012", AnySaving, template.Messages[0].Segments.ToArray()));
    }

    [Fact]
    public void MinifyAll_OfOnePieceOpeningANamedFilesJson_LeavesItsNestedBlocksAlone()
    {
        var before = "Save this as config.json:\n{\n  \"editor\": {\n    \"tabSize\": 2,\n    \"insertSpaces\": true\n  },\n  \"owner\": \"";

        Assert.Equal(before, PrettyJson.MinifyAll(before));
    }
}
