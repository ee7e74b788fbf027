using System.Text.Json;
using SharpToken;

namespace PromptLint.EndToEnd.Tests;

[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class ReportAndLoadingTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");
    private static readonly string[] PromptKeys =
    {
        "id", "file", "line", "role", "model", "tokenizer", "exact", "staticTokens", "staticPrefixTokens",
        "holes", "toolSchemaTokens", "outputCap", "baselineStaticTokens", "delta",
    };

    private readonly PackageFeed _feed;

    public ReportAndLoadingTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void ReportJson_FollowsTheSchemaAndMatchesAnIndependentTokenizer()
    {
        var consumer = _feed.NewConsumer("Contoso.Support");
        SampleFiles.WriteAll(consumer);

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        var text = File.ReadAllText(consumer.ReportPath);
        Assert.DoesNotContain('\r', text);
        var root = JsonDocument.Parse(text).RootElement;
        // Issue 31: the money section only with PromptLintTrafficFile or PromptLintMonthlyBudget (none here): no extra cost when unused.
        Assert.Equal(new[] { "schemaVersion", "project", "prompts", "diagnostics" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Contoso.Support", root.GetProperty("project").GetString());

        var prompts = root.GetProperty("prompts").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        foreach (var prompt in prompts.Values)
        {
            Assert.Equal(PromptKeys, prompt.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, prompt.GetProperty("baselineStaticTokens").ValueKind);
            Assert.Equal(JsonValueKind.Null, prompt.GetProperty("delta").ValueKind);
        }

        Assert.Equal(prompts.Keys.OrderBy(k => k, StringComparer.Ordinal), prompts.Keys);

        var support = prompts["Prompts/support.txt"];
        Assert.Equal("Prompts/support.txt", support.GetProperty("file").GetString());
        Assert.Equal(1, support.GetProperty("line").GetInt32());
        Assert.Equal("gpt-4o", support.GetProperty("model").GetString());
        Assert.Equal("o200k_base", support.GetProperty("tokenizer").GetString());
        Assert.True(support.GetProperty("exact").GetBoolean());
        Assert.Equal(O200k.CountTokens(SampleFiles.SupportPolicy), support.GetProperty("staticTokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, support.GetProperty("outputCap").ValueKind);

        var triage = prompts["triage.prompty"];
        Assert.Equal(14, triage.GetProperty("line").GetInt32());
        Assert.Equal("system", triage.GetProperty("role").GetString());
        Assert.Equal("gpt-4o-mini", triage.GetProperty("model").GetString());
        Assert.Equal(O200k.CountTokens(SampleFiles.TriageSystem), triage.GetProperty("staticTokens").GetInt32());
        Assert.Equal(O200k.CountTokens(SampleFiles.TriageSystem), triage.GetProperty("staticPrefixTokens").GetInt32());
        Assert.Equal(1, triage.GetProperty("holes").GetInt32());
        Assert.Equal(200, triage.GetProperty("outputCap").GetInt32());

        var story = prompts["Prompts/story.yaml"];
        Assert.Equal("user", story.GetProperty("role").GetString());
        Assert.Equal(O200k.CountTokens("Tell a story about ") + O200k.CountTokens(" that is ") + O200k.CountTokens(" sentences long."), story.GetProperty("staticTokens").GetInt32());
        Assert.Equal(O200k.CountTokens("Tell a story about "), story.GetProperty("staticPrefixTokens").GetInt32());
        Assert.Equal(500, story.GetProperty("outputCap").GetInt32());

        var skprompt = prompts["Plugins/Writer/Story/skprompt.txt"];
        Assert.Equal(350, skprompt.GetProperty("outputCap").GetInt32());
        Assert.Equal(2, skprompt.GetProperty("holes").GetInt32());

        var summarize = prompts["summarize.prompt.yml"];
        Assert.Equal("openai/gpt-4o-mini", summarize.GetProperty("model").GetString());
        Assert.Equal(300, summarize.GetProperty("outputCap").GetInt32());
        Assert.Equal(
            O200k.CountTokens("You summarize release notes for customers in plain language.") + O200k.CountTokens("Summarize these notes:\n"), // the file ends right after the hole
            summarize.GetProperty("staticTokens").GetInt32());

        var tools = prompts["weather.tools.json"];
        Assert.Equal("tool", tools.GetProperty("role").GetString());
        Assert.Equal(O200k.CountTokens(SampleFiles.WeatherToolWire), tools.GetProperty("toolSchemaTokens").GetInt32());
        Assert.Equal(tools.GetProperty("toolSchemaTokens").GetInt32(), tools.GetProperty("staticTokens").GetInt32());

        Assert.Empty(root.GetProperty("diagnostics").EnumerateArray());

        // Same sources, same bytes.
        File.Delete(consumer.ReportPath);
        var rebuilt = consumer.Build("--no-incremental");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal(text, File.ReadAllText(consumer.ReportPath));
    }

    [Fact]
    public void AnalyzerLoads_WithAndWithoutTheCompilerServer_SameCounts()
    {
        var consumer = _feed.NewConsumer();
        SampleFiles.WriteAll(consumer);

        var server = consumer.Build("UseSharedCompilation=true");
        Assert.True(server.ExitCode == 0, server.ToString());
        var withServer = File.ReadAllText(consumer.ReportPath);

        File.Delete(consumer.ReportPath);
        var inProcess = consumer.Build("UseSharedCompilation=false", "--no-incremental");
        Assert.True(inProcess.ExitCode == 0, inProcess.ToString());
        Assert.Equal(withServer, File.ReadAllText(consumer.ReportPath));
        Assert.Contains("\"staticTokens\"", withServer);
    }

    [Fact]
    public void MultiTargetedProject_ReportsAndWritesTheBaselineOnce()
    {
        var consumer = _feed.NewConsumer();
        consumer.SetProject("net10.0;netstandard2.0");
        SampleFiles.WriteAll(consumer);

        var result = consumer.Build("PromptLintUpdateBaseline=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Output, "baseline promptlint.baseline.json updated"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Output, $"PromptLint: {SampleFiles.PromptCount} prompts"));
        Assert.Equal(SampleFiles.PromptCount, JsonDocument.Parse(File.ReadAllText(consumer.BaselinePath)).RootElement.GetProperty("prompts").GetArrayLength());
    }

    [Fact]
    public void Package_IsADevelopmentDependencyWithAnalyzerTasksAndBuildFiles()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(_feed.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        foreach (var required in new[]
        {
            "analyzers/dotnet/cs/PromptLint.Analyzers.dll", "analyzers/dotnet/cs/PromptLint.Core.dll", "analyzers/dotnet/cs/PromptLint.CodeFixes.dll",
            "analyzers/dotnet/cs/PromptLint.Contracts.dll", "analyzers/dotnet/cs/PromptLint.Counting.dll", "analyzers/dotnet/cs/PromptLint.Reporting.dll",
            "analyzers/dotnet/cs/YamlDotNet.dll",
            "tasks/net8.0/PromptLint.Tasks.dll", "tasks/netstandard2.0/PromptLint.Tasks.dll",
            "build/PromptLint.props", "build/PromptLint.targets", "buildTransitive/PromptLint.props", "buildTransitive/PromptLint.targets",
            "build/PromptLint.DefaultItems.props", "buildTransitive/PromptLint.DefaultItems.props",
        })
        {
            Assert.Contains(required, entries);
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        // The vocabularies are embedded in PromptLint.Core: the tokenizer library and its dependencies are not loaded.
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.ML.", StringComparison.Ordinal) || Path.GetFileName(e) == "Google.Protobuf.dll");

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<developmentDependency>true</developmentDependency>", nuspec.ReadToEnd());
    }
}
