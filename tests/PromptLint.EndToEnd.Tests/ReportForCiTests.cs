using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>What CI sees: report.md, the GitHub step summary, and the compiler's SARIF log.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class ReportForCiTests
{
    private readonly PackageFeed _feed;

    public ReportForCiTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void RegressionBuild_WritesReportMd_AppendsTheStepSummary_AndTheSarifLogHasEveryResult()
    {
        var consumer = _feed.NewConsumer("Contoso.Ci");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        SampleFiles.WriteAll(consumer);
        consumer.Write("Bot.cs", """
            using Microsoft.Extensions.AI;

            namespace Contoso.Ci;

            public sealed class Bot(IChatClient client)
            {
                public Task<ChatResponse> Ask(string q) => client.GetResponseAsync($"Answer briefly: {q}", new ChatOptions { MaxOutputTokens = 100 });
            }
            """);
        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());

        consumer.Write("Prompts/support.txt", SampleFiles.SupportPolicy + SampleFiles.SupportGrowth);
        var summary = Path.Combine(consumer.Directory, "step-summary.md");
        File.WriteAllText(summary, "# Earlier step\n");
        var sarif = Path.Combine(consumer.Directory, "artifacts", "build.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(sarif)!);

        var failed = consumer.BuildWith(
            new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary },
            $"ErrorLog={sarif}%2Cversion%3D2.1",
            "PromptLintHtmlReport=true");
        Assert.NotEqual(0, failed.ExitCode);

        // report.md: the verdict first, naming the prompt that regressed.
        var markdown = File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.md"));
        Assert.True(markdown.StartsWith("## PromptLint footprint: Contoso.Ci\n\n❌ 1 regression: `Prompts/support.txt` +", StringComparison.Ordinal), markdown + "\n----\n" + failed);
        Assert.Contains("```mermaid\nxychart-beta", markdown);

        // The opt-in HTML report: one self-contained, well-formed file listing every prompt.
        var html = File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.html"));
        var page = System.Xml.Linq.XDocument.Parse(html);
        var ids = page.Descendants().Where(e => e.Name.LocalName == "tr" && e.Attribute("data-id") is not null).Select(e => e.Attribute("data-id")!.Value).ToHashSet();
        Assert.Contains("Prompts/support.txt", ids);
        Assert.Contains("Contoso.Ci.Bot.Ask#1", ids);
        Assert.Equal(SampleFiles.PromptCount + 1, ids.Count);
        Assert.DoesNotContain(" src=", html);

        // The step summary keeps what was there and gets the same Markdown appended.
        var stepSummary = File.ReadAllText(summary);
        Assert.StartsWith("# Earlier step\n", stepSummary);
        Assert.Contains(markdown, stepSummary);

        // The user's SARIF 2.1 log carries PromptLint's findings with their locations; measurements travel to the report
        // through the run record, not through the log.
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("PL", StringComparison.Ordinal))
            .Select(r => (Rule: r.GetProperty("ruleId").GetString()!, Uri: r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!, Result: r))
            .ToList();
        Assert.Contains(results, r => r.Rule == "PL0001" && r.Uri.EndsWith("Prompts/support.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(results, r => r.Rule == "PL9000");
        var regression = results.First(r => r.Rule == "PL0001").Result;
        Assert.Equal("Prompts/support.txt", regression.GetProperty("properties").GetProperty("customProperties").GetProperty("promptId").GetString());
    }
}
