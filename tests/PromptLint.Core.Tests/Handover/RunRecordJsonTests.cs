using System.Text;

using PromptLint.Contracts.Handover;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Core.Tests.Handover;

/// <summary>The run record round-trips, and its header reads alone from the first bytes of a long record.</summary>
public sealed class RunRecordJsonTests
{
    private static RunRecord Record(int prompts)
    {
        var record = new RunRecord
        {
            PromptLintVersion = "1.2.3+abc",
            ProjectFile = "/src/Shop/Shop.csproj",
            TargetFramework = "net10.0",
            AnalyzedCode = true,
            PromptFiles = 3,
            Summary = $"{prompts} prompts, 1,234 tokens, no baseline",
        };
        record.Reports.Add("/src/Shop/obj/promptlint/report.json");
        record.Reports.Add("/src/Shop/obj/promptlint/report.md");
        record.Timings["rules"] = 12;
        for (var i = 0; i < prompts; i++)
        {
            record.Prompts.Add(new ReportPrompt
            {
                Id = "Shop.Prompt" + i.ToString("D4"), File = "Prompts.cs", Line = i + 1, Role = "system", Model = "gpt-4o",
                Tokenizer = "o200k_base", Exact = true, StaticTokens = 10, StaticPrefixTokens = 10, ContentHash = "sha256:" + i,
            });
        }

        return record;
    }

    [Fact]
    public void Write_ThenRead_KeepsHeaderAndMeasurements()
    {
        var read = RunRecordJson.Read(RunRecordJson.Write(Record(3)));

        Assert.Equal("/src/Shop/Shop.csproj", read.ProjectFile);
        Assert.Equal(3, read.PromptCount);
        Assert.Equal(3, read.Prompts.Count);
        Assert.Equal(new[] { "/src/Shop/obj/promptlint/report.json", "/src/Shop/obj/promptlint/report.md" }, read.Reports);
        Assert.Equal("3 prompts, 1,234 tokens, no baseline", read.Summary);
        Assert.Equal(12, read.Timings["rules"]);
    }

    [Fact]
    public void ReadHeader_FromTheFirstKilobytesOfALongRecord_ReadsEverythingBeforeTheMeasurements()
    {
        var bytes = Encoding.UTF8.GetBytes(RunRecordJson.Write(Record(2_000)));
        Assert.True(bytes.Length > 100_000);

        var header = RunRecordJson.ReadHeader(bytes, 4096, whole: false);

        Assert.NotNull(header);
        Assert.Equal("1.2.3+abc", header!.PromptLintVersion);
        Assert.Equal("/src/Shop/Shop.csproj", header.ProjectFile);
        Assert.Equal("net10.0", header.TargetFramework);
        Assert.True(header.AnalyzedCode);
        Assert.Equal(3, header.PromptFiles);
        Assert.Equal(2_000, header.PromptCount);
        Assert.Equal(2, header.Reports.Count);
        Assert.Equal("2000 prompts, 1,234 tokens, no baseline", header.Summary);
        Assert.Equal(12, header.Timings["rules"]);
        Assert.Empty(header.Prompts);
    }

    [Fact]
    public void ReadHeader_WhenTheBytesEndInsideTheHeader_AsksForMore()
    {
        var bytes = Encoding.UTF8.GetBytes(RunRecordJson.Write(Record(1)));

        Assert.Null(RunRecordJson.ReadHeader(bytes, 120, whole: false));
        Assert.NotNull(RunRecordJson.ReadHeader(bytes, bytes.Length, whole: true));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(120)]
    public void ReadHeader_OfARecordCutShort_SaysSo(int length)
    {
        var bytes = Encoding.UTF8.GetBytes(RunRecordJson.Write(Record(1)));

        var error = Assert.Throws<InvalidDataException>(() => RunRecordJson.ReadHeader(bytes[..length], length, whole: true));
        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void ReadHeader_OfAnotherSchema_SaysWhichVersionWroteIt()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"schemaVersion\": 1, \"projectFile\": \"/a.csproj\", \"prompts\": [] }");

        var error = Assert.Throws<InvalidDataException>(() => RunRecordJson.ReadHeader(bytes, bytes.Length, whole: true));
        Assert.Contains("another PromptLint version", error.Message);
    }
}
