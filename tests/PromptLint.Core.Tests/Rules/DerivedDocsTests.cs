using System.Text;
using System.Text.RegularExpressions;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// The tables derived from the list of rules: docs/rules/README.md's rule table, docs/configuration.md's table of rule
/// settings and the analyzer's AnalyzerReleases.Unshipped.md rows. Each sits between generated-block markers; this test
/// fails when one is stale and prints the block it expects. <c>eng/update-docs.sh</c> (this test with
/// <c>PROMPTLINT_UPDATE_DOCS=1</c>) rewrites them, so a new rule is its file, its test and its page.
/// </summary>
public sealed class DerivedDocsTests
{
    private const string Analyzer = "PromptFootprintAnalyzer";

    public static TheoryData<string, string> Blocks() => new()
    {
        { "docs/rules/README.md", "rules" },
        { "docs/configuration.md", "rule-settings" },
        { "src/PromptLint.Analyzers/AnalyzerReleases.Unshipped.md", "release-rows" },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void GeneratedBlock_MatchesTheCatalogue(string file, string block)
    {
        var path = Path.Combine(TestPaths.RepoRoot, file);
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var comment = file.EndsWith(".md", StringComparison.Ordinal) && !file.Contains("AnalyzerReleases", StringComparison.Ordinal);
        var (begin, end) = comment ? ($"<!-- generated:{block} -->\n", $"<!-- /generated:{block} -->") : ($"; generated:{block}\n", $"; /generated:{block}");
        var match = Regex.Match(text, Regex.Escape(begin) + "(.*?)" + Regex.Escape(end), RegexOptions.Singleline);
        Assert.True(match.Success, $"{file} has no '{begin.Trim()}' … '{end}' block");

        var expected = block switch
        {
            "rules" => RuleTable(),
            "rule-settings" => SettingsTable(),
            _ => ReleaseRows(),
        };
        if (Environment.GetEnvironmentVariable("PROMPTLINT_UPDATE_DOCS") == "1" && match.Groups[1].Value != expected)
        {
            File.WriteAllText(path, text.Substring(0, match.Groups[1].Index) + expected + text.Substring(match.Groups[1].Index + match.Groups[1].Length));
            return;
        }

        Assert.True(match.Groups[1].Value == expected, $"{file} is stale; run eng/update-docs.sh. Expected block:\n{expected}");
    }

    [Fact]
    public void EveryRulesSettings_AreInItsCatalogueEntry_AndNoKeyIsDeclaredTwice()
    {
        Assert.All(RuleCatalog.Rules, rule => Assert.All(rule.Settings, s => Assert.Contains(s.Key, rule.Info.Settings)));
        Assert.Equal(RuleCatalog.Settings.Count, RuleCatalog.Settings.Select(s => s.Key).Distinct().Count());
    }

    // docs/rules/README.md: one row per rule, its title and category from the catalogue, its severity and host as its page's front matter says them.
    private static string RuleTable()
    {
        var table = new StringBuilder("| Id | Title | Category | Default severity | Reported by |\n|---|---|---|---|---|\n");
        foreach (var rule in RuleCatalog.All)
        {
            table.Append($"| [{rule.Id}]({rule.Id}.md) | {rule.Title} | {(rule.Category == RuleCategory.None ? "(none)" : rule.CategoryName)} | {Page(rule.Id, "default_severity")} | {Page(rule.Id, "reported_by")} |\n");
        }

        return table.ToString();
    }

    private static string Page(string id, string field)
    {
        var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "rules", id + ".md")).Replace("\r\n", "\n");
        return Regex.Match(page, "^" + field + ": (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();
    }

    // docs/configuration.md: every key a rule declares (RuleSetting), its default, the rules that read it and what it does.
    private static string SettingsTable()
    {
        var table = new StringBuilder("| Key | Default | Rule |\n|---|---|---|\n");
        foreach (var setting in RuleCatalog.Settings)
        {
            var rules = string.Join(", ", RuleCatalog.Rules.Where(r => r.Settings.Contains(setting)).Select(r => $"[{r.Info.Id}](rules/{r.Info.Id}.md)"));
            var shown = char.IsDigit(setting.DefaultText[0]) ? $"`{setting.DefaultText}`" : setting.DefaultText;
            table.Append($"| `{setting.Key}` | {shown} | {rules} ({setting.Description}) |\n");
        }

        return table.ToString();
    }

    // AnalyzerReleases.Unshipped.md: the rows of the rules the analyzer reports that Shipped.md does not list yet.
    private static string ReleaseRows()
    {
        var shipped = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "src", "PromptLint.Analyzers", "AnalyzerReleases.Shipped.md"))
            .Where(l => l.StartsWith("PL", StringComparison.Ordinal))
            .Select(l => l.Split('|')[0].Trim())
            .ToHashSet(StringComparer.Ordinal);
        var rows = new StringBuilder();
        foreach (var rule in RuleCatalog.All.Where(r => r.ReportedBy != RuleHost.Task && !shipped.Contains(r.Id)))
        {
            rows.Append($"{rule.Id} | {rule.CategoryName} | {rule.DefaultSeverity} | {Analyzer}\n");
        }

        return rows.ToString();
    }
}
