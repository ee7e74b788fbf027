using System.Text.RegularExpressions;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Tests.Rules;

/// <summary>docs/rules (the table and each page's front matter) says what the rule catalogue says.</summary>
public sealed class RuleDocsTests
{
    private static readonly string RulesDirectory = Path.Combine(TestPaths.RepoRoot, "docs", "rules");

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheTableRow_NamesTheRulesTitleCategoryAndSeverity(string id)
    {
        var rule = RuleCatalog.Get(id);
        var rows = File.ReadAllLines(Path.Combine(RulesDirectory, "README.md")).Where(l => l.StartsWith($"| [{id}]({id}.md) |", StringComparison.Ordinal)).ToList();

        var cells = Assert.Single(rows).Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(rule.Title, cells[2]);
        Assert.Equal(rule.Category == RuleCategory.None ? "(none)" : rule.CategoryName, cells[3]);
        Assert.StartsWith(rule.DefaultSeverity.ToString(), cells[4], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ThePage_HasTheRulesFrontMatter(string id)
    {
        var rule = RuleCatalog.Get(id);
        var text = File.ReadAllText(Path.Combine(RulesDirectory, id + ".md")).Replace("\r\n", "\n");
        var front = Regex.Match(text, "^---\n(.*?)\n---\n", RegexOptions.Singleline);

        Assert.True(front.Success, $"{id}.md has no front matter");
        var fields = front.Groups[1].Value.Split('\n').Select(l => l.Split(new[] { ':' }, 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        Assert.Equal(id, fields["id"]);
        Assert.Equal(rule.Title, fields["title"]);
        Assert.StartsWith(rule.DefaultSeverity.ToString(), fields["default_severity"], StringComparison.Ordinal);
        Assert.Contains($"# {id}: {rule.Title}", text);
    }

    [Fact]
    public void EveryPage_IsARuleOfTheCatalogue()
    {
        var pages = Directory.GetFiles(RulesDirectory, "PL*.md").Select(Path.GetFileNameWithoutExtension);

        Assert.All(pages, page => Assert.Contains(RuleCatalog.All, r => r.Id == page));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ThePage_ShowsEachOfTheRulesMessageTemplates(string id)
    {
        var text = File.ReadAllText(Path.Combine(RulesDirectory, id + ".md")).Replace("\r\n", "\n");
        var shown = Regex.Matches(text, "```text\n(.*?)\n```", RegexOptions.Singleline).Cast<Match>().Select(m => m.Groups[1].Value).ToList();

        Assert.All(RuleCatalog.Get(id).Messages, message => Assert.Contains(message.Template, shown));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ThePagesConfigurationSection_ListsEachOfTheRulesSettings(string id)
    {
        var text = File.ReadAllText(Path.Combine(RulesDirectory, id + ".md")).Replace("\r\n", "\n");
        var section = Regex.Match(text, "\n## Configuration\n(.*?)(\n## |$)", RegexOptions.Singleline);

        Assert.True(section.Success, $"{id}.md has no Configuration section");
        Assert.All(RuleCatalog.Get(id).Settings, key => Assert.Contains($"`{key}`", section.Groups[1].Value));
    }

    [Fact]
    public void EverySettingKey_TunesARuleOrIsTheModel()
    {
        var keys = typeof(SettingKeys).GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.All(keys, key => Assert.Contains(RuleCatalog.All, r => r.Settings.Contains(key)));
    }
}
