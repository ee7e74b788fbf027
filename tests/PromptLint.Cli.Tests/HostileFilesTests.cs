using System.Text;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Regression (issue 30): the hostile files an outside run found, through 'promptlint check' as a user runs it. Each
/// ends in a diagnostic and exit code 0 or 1, never an exception; the facts asserted are outcomes, not times.
/// </summary>
public sealed class HostileFilesTests
{
    private const string French = "Réponds en français, café, « guillemets ».\n";

    private static void WriteBytes(Fixture f, string relative, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(f.Path_(relative))!);
        File.WriteAllBytes(f.Path_(relative), bytes);
    }

    [Fact]
    public void PromptSavedAsWindows1252_IsReportedAsNotUtf8_AndNotMeasured()
    {
        using var f = new Fixture();
        WriteBytes(f, "Prompts/fr.txt", Encoding.Latin1.GetBytes(French));

        var (exit, output, error) = f.Run("check");

        Assert.Equal(0, exit);
        Assert.StartsWith("Prompts/fr.txt:1:2: warning PL0101: Prompt file 'Prompts/fr.txt' has a problem: it is not UTF-8: the byte 0xE9 at offset 1 (line 1) is not valid UTF-8; save it as UTF-8.", output, StringComparison.Ordinal);
        Assert.Contains("1 file, 0 prompts, 0 tokens", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16AndUtf8WithByteOrderMarks_AreMeasuredLikeUtf8()
    {
        using var f = new Fixture();
        WriteBytes(f, "Prompts/a.txt", Encoding.UTF8.GetBytes(French));
        WriteBytes(f, "Prompts/b.txt", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(French)).ToArray());
        WriteBytes(f, "Prompts/c.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(French)).ToArray());
        WriteBytes(f, "Prompts/d.txt", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(French)).ToArray());

        var run = f.Analyze();
        var tokens = run.Projects.SelectMany(p => p.Prompts).Select(p => p.StaticTokens).Distinct().ToList();

        Assert.Equal(4, run.Projects.Sum(p => p.Prompts.Count));
        Assert.Single(tokens);
        Assert.DoesNotContain(f.Findings(), x => x.RuleId == "PL0101");
    }

    [Fact]
    public void RandomBytesInAPromptsFolder_AreNotATextFile_NotAHexBlobPrompt()
    {
        using var f = new Fixture();
        var bytes = new byte[20_000];
        new Random(30).NextBytes(bytes);
        WriteBytes(f, "Prompts/noise.txt", bytes.Select(b => b == 0 ? (byte)1 : b).ToArray());

        var (exit, output, error) = f.Run("check");

        Assert.Equal(0, exit);
        Assert.Contains("warning PL0101: Prompt file 'Prompts/noise.txt' has a problem: it is not a text file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PL0014", output, StringComparison.Ordinal);
        Assert.Contains("0 prompts, 0 tokens", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigJsonWithTenThousandBadCaps_ReportsTheFirstHundredAndACount()
    {
        using var f = new Fixture();
        var json = new StringBuilder("{\n  \"execution_settings\": {\n");
        for (var i = 0; i < 10_000; i++)
        {
            json.Append("    \"s").Append(i).Append("\": { \"max_tokens\": \"lots\" }").Append(i + 1 < 10_000 ? ",\n" : "\n");
        }

        f.Write("Plugins/P/F/config.json", json.Append("  }\n}\n").ToString());
        f.Write("Plugins/P/F/skprompt.txt", "Summarize {{$input}} in three sentences.\n");

        var (exit, output, _) = f.Run("check");

        Assert.True(exit is 0 or 1, $"exit {exit}");
        var malformed = output.Split('\n').Where(l => l.Contains(" PL0101: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(101, malformed.Count);
        Assert.Contains(malformed, l => l.Contains("9,900 more problems like the ones above", StringComparison.Ordinal));
    }

    [Fact]
    public void PromptYmlRepeatingOneLargeAnchor_IsRefusedNamingTheLimit()
    {
        using var f = new Fixture();
        var yaml = new StringBuilder("name: bomb\nmodel: openai/gpt-4o\nanchor: &big \"").Append('x', 10_000).Append("\"\nmessages:\n  - role: system\n    content: hi\n");
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append("  - {role: user, content: *big}\n");
        }

        f.Write("bomb.prompt.yml", yaml.ToString());

        var (exit, output, error) = f.Run("check");

        Assert.Equal(0, exit);
        Assert.Contains("the YAML's aliases expand it to more than 1,000,000 characters", output, StringComparison.Ordinal);
        Assert.Contains("0 prompts, 0 tokens", error, StringComparison.Ordinal);
    }
}
