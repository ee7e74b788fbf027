using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Analyzers.Tests.Diagnostics;

/// <summary>The analyzer's descriptors and the code fixes agree with the rule catalogue, which is their one source.</summary>
public sealed class RuleCatalogTests
{
    [Fact]
    public void EveryDescriptor_IsTheCataloguesRule()
    {
        var descriptors = new PromptFootprintAnalyzer().SupportedDiagnostics;

        foreach (var descriptor in descriptors)
        {
            var rule = RuleCatalog.Get(descriptor.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(rule.CategoryName, descriptor.Category);
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
            Assert.Equal(rule.DefaultSeverity.ToString(), descriptor.DefaultSeverity.ToString());
        }

        // Every rule the analyzer reports (or keeps alive) has a descriptor; the task's rules have none.
        Assert.Equal(
            RuleCatalog.All.Where(r => r.ReportedBy != RuleHost.Task).Select(r => r.Id).OrderBy(id => id),
            descriptors.Select(d => d.Id).Distinct().OrderBy(id => id));

        // Each message of each rule has its descriptor: the catalogue's template with positional arguments.
        Assert.Equal(
            RuleCatalog.All.SelectMany(r => r.Messages).Where(m => m.ReportedBy != RuleHost.Task).Select(m => (m.RuleId, m.Format)),
            descriptors.Select(d => (d.Id, d.MessageFormat.ToString())));
    }

    [Fact]
    public void TheRulesWithAFix_AreExactlyTheOnesTheCodeFixesFix()
    {
        var fixable = typeof(PromptLint.CodeFixes.AddOutputCapFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .Distinct()
            .OrderBy(id => id);

        Assert.Equal(RuleCatalog.All.Where(r => r.HasFix).Select(r => r.Id).OrderBy(id => id), fixable);
    }

    [Fact]
    public void NoIdIsDefinedTwice()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Id).Distinct().Count());
        var constants = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).OrderBy(id => id), constants.OrderBy(id => id));
    }

    [Fact]
    public void ReleaseTracking_ListsEveryAnalyzerRuleAsTheCatalogueHasIt()
    {
        // The descriptors are made from the catalogue at run time, where RS2000-RS2008 cannot see them; this test keeps
        // AnalyzerReleases.*.md in step instead. A new rule goes to Unshipped.md with the row this test prints.
        var folder = Path.Combine(DescriptorTests.RepoRoot(), "src", "PromptLint.Analyzers");
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(f => File.ReadAllLines(Path.Combine(folder, f)))
            .Where(l => l.StartsWith("PL", StringComparison.Ordinal))
            .Select(l => string.Join(" | ", l.Split('|').Select(c => c.Trim())))
            .OrderBy(l => l, StringComparer.Ordinal);

        var expected = RuleCatalog.All
            .Where(r => r.ReportedBy != RuleHost.Task)
            .Select(r => $"{r.Id} | {r.CategoryName} | {r.DefaultSeverity} | {nameof(PromptFootprintAnalyzer)}")
            .OrderBy(l => l, StringComparer.Ordinal);

        Assert.Equal(expected, rows);
    }

    [Fact]
    public void FromAnId_TheFileNamesFindTheRulesLogicDocsTestsAndFix()
    {
        // What `git ls-files | grep PL0004` shows a newcomer: the catalogue entry and logic, the page, the tests and the fix.
        var root = DescriptorTests.RepoRoot();
        var files = new[] { "src", "tests", "docs" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();

        Assert.All(RuleCatalog.All, rule =>
        {
            var named = files.Where(f => Path.GetFileName(f).StartsWith(rule.Id + ".", StringComparison.Ordinal) || Path.GetFileName(f).Contains("." + rule.Id + ".", StringComparison.Ordinal)).ToList();
            Assert.Contains($"docs/rules/{rule.Id}.md", named);
            // Core for the rules the analyzer evaluates; Contracts for the ones the MSBuild task logs, which does not load Core.
            var home = rule.ReportedBy == RuleHost.Task || rule.Id == RuleIds.BaselineUnreadable ? "src/PromptLint.Contracts/Rules/" : "src/PromptLint.Core/Rules/";
            Assert.Contains(named, f => f.StartsWith(home + rule.Id + ".", StringComparison.Ordinal)); // a rule may split its logic (PL0019.InstructionIndex.cs)
            Assert.Contains(named, f => f.StartsWith("tests/", StringComparison.Ordinal) && f.EndsWith("Tests.cs", StringComparison.Ordinal));
            if (rule.HasFix)
            {
                Assert.Contains(named, f => f.StartsWith("src/PromptLint.CodeFixes/", StringComparison.Ordinal));
                Assert.Contains(named, f => f.StartsWith("tests/", StringComparison.Ordinal) && f.EndsWith("FixTests.cs", StringComparison.Ordinal));
            }
        });
    }
}
