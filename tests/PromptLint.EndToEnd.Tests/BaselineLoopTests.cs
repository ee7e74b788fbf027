using System.Text.Json;
using SharpToken;

namespace PromptLint.EndToEnd.Tests;

/// <summary>The whole user loop through the packed package: measure, accept a baseline, fail on growth, pass on shrink.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class BaselineLoopTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");
    private readonly PackageFeed _feed;

    public BaselineLoopTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void FreshProject_AcceptBaseline_GrowthFails_ShrinkPasses()
    {
        var consumer = _feed.NewConsumer();
        SampleFiles.WriteAll(consumer);

        // 1. No baseline yet: measured and reported, but no PL0002 noise.
        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(Consumer.Diagnostics(first, "PL0002"));
        Assert.Empty(Consumer.Diagnostics(first, "PL0001"));
        Assert.Contains($"PromptLint: {SampleFiles.PromptCount} prompts,", first.Output);
        Assert.Empty(Consumer.Diagnostics(first, "PL0101"));
        Assert.True(File.Exists(consumer.ReportPath));
        Assert.False(File.Exists(consumer.BaselinePath));

        // 2. Accept: the baseline is written, sorted by id, LF only.
        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        Assert.Contains($"baseline promptlint.baseline.json updated with {SampleFiles.PromptCount} prompts", accept.Output);
        var baseline = File.ReadAllText(consumer.BaselinePath);
        Assert.DoesNotContain('\r', baseline);
        var ids = JsonDocument.Parse(baseline).RootElement.GetProperty("prompts").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(new[] { "Plugins/Writer/Story/skprompt.txt", "Prompts/story.yaml", "Prompts/support.txt", "summarize.prompt.yml", "triage.prompty", "weather.tools.json" }, ids);
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        Assert.Equal(SampleFiles.PromptCount, baseline.Split('\n').Count(line => line.StartsWith("    {\"id\":", StringComparison.Ordinal)));

        // Accepting again changes nothing, byte for byte.
        var again = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(baseline, File.ReadAllText(consumer.BaselinePath));
        Assert.Contains("already matches", again.Output);

        // 3. A clean build against the baseline: nothing to say.
        var clean = consumer.Build();
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.DoesNotContain(": warning PL", clean.Output);
        Assert.DoesNotContain(": error PL", clean.Output);

        // 4. Grow the support prompt by about 30%: the build fails with PL0001 at the file, naming old and new counts.
        var before = O200k.CountTokens(SampleFiles.SupportPolicy);
        var grown = SampleFiles.SupportPolicy + SampleFiles.SupportGrowth;
        var after = O200k.CountTokens(grown);
        Assert.InRange((after - before) * 100.0 / before, 25, 200);
        consumer.Write("Prompts/support.txt", grown);
        var failed = consumer.Build();
        Assert.NotEqual(0, failed.ExitCode);
        var regression = Assert.Single(Consumer.Diagnostics(failed, "PL0001"));
        Assert.Equal("error", regression.Groups["severity"].Value);
        Assert.EndsWith(Path.Combine("Prompts", "support.txt"), regression.Groups["file"].Value);
        Assert.Equal("1", regression.Groups["line"].Value);
        Assert.Contains($"Prompt 'Prompts/support.txt' grew from {before:N0} to {after:N0} tokens", regression.Groups["message"].Value);
        Assert.Contains("dotnet build -p:PromptLintUpdateBaseline=true", regression.Groups["message"].Value);

        // The failed build still writes its report, regression included: that is the build whose report CI posts.
        var report = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement;
        var support = report.GetProperty("prompts").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "Prompts/support.txt");
        Assert.Equal(after, support.GetProperty("staticTokens").GetInt32());
        Assert.Equal(before, support.GetProperty("baselineStaticTokens").GetInt32());
        Assert.Equal(after - before, support.GetProperty("delta").GetInt32());
        var reported = Assert.Single(report.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("PL0001", reported.GetProperty("id").GetString());
        Assert.Equal("error", reported.GetProperty("severity").GetString());
        Assert.Equal("Prompts/support.txt", reported.GetProperty("file").GetString());

        // 5. Shrink it below the accepted size: the gate passes.
        consumer.Write("Prompts/support.txt", SampleFiles.SupportPolicy.Substring(0, SampleFiles.SupportPolicy.IndexOf("Never", StringComparison.Ordinal)));
        var shrunk = consumer.Build();
        Assert.True(shrunk.ExitCode == 0, shrunk.ToString());
        Assert.Empty(Consumer.Diagnostics(shrunk, "PL0001"));
    }

    [Fact]
    public void ConflictedBaseline_ReportsPL0100AtTheMarkerAndLeavesTheFileUntouched()
    {
        var consumer = _feed.NewConsumer();
        SampleFiles.WriteAll(consumer);
        var conflicted =
            "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n" +
            "<<<<<<< HEAD\n" +
            "    {\"id\":\"Prompts/support.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":60,\"staticPrefixTokens\":60,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:1\"}\n" +
            "=======\n" +
            "    {\"id\":\"Prompts/support.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":64,\"staticPrefixTokens\":64,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:2\"}\n" +
            ">>>>>>> feature/shorter-support\n  ]\n}\n";
        consumer.Write("promptlint.baseline.json", conflicted);
        var bytes = File.ReadAllBytes(consumer.BaselinePath);

        var result = consumer.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        var problem = Assert.Single(Consumer.Diagnostics(result, "PL0100"));
        Assert.Equal("warning", problem.Groups["severity"].Value);
        Assert.Equal("4", problem.Groups["line"].Value);
        Assert.Contains("merge-conflict marker at line 4", problem.Groups["message"].Value);
        Assert.Equal(bytes, File.ReadAllBytes(consumer.BaselinePath));
        Assert.Empty(Consumer.Diagnostics(result, "PL0001"));
        Assert.Empty(Consumer.Diagnostics(result, "PL0002"));
    }

    [Fact]
    public void MalformedPromptFiles_GiveDiagnosticsWithLinesAndTheBuildGoesOn()
    {
        var consumer = _feed.NewConsumer();
        consumer.Write("broken.prompty", "---\nname: Broken\nmodel:\n  parameters:\n    max_tokens: twelve\n---\nsystem:\nHello\n");
        consumer.Write("Prompts/bad.yaml", "name: x\ntemplate: [unclosed\n");
        consumer.Write("bad.tools.json", "[\n  {\"type\": \"function\",\n");

        var result = consumer.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        var problems = Consumer.Diagnostics(result, "PL0101").Select(m => (Path.GetFileName(m.Groups["file"].Value), m.Groups["line"].Value)).OrderBy(p => p.Item1).ToList();
        Assert.Contains(("broken.prompty", "5"), problems);
        Assert.Contains(problems, p => p.Item1 == "bad.yaml");
        Assert.Contains(problems, p => p.Item1 == "bad.tools.json");
        Assert.Contains("PromptLint: 1 prompt,", result.Output);
    }
}
