using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Diagnostics;

namespace PromptLint.Analyzers.Tests;

/// <summary>Every descriptor has a rule page, a release-tracking line and a help link to its page.</summary>
public class DescriptorTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in All())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    // One descriptor per rule (a rule with several messages has one per message, all with its id and link).
    private static IEnumerable<DiagnosticDescriptor> All()
        => Descriptors.All.GroupBy(d => d.Id).Select(g => g.First());

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PromptLint.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasRulePage(string id)
    {
        var page = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no docs/rules/{id}.md");
        Assert.Contains("id: " + id, File.ReadAllText(page));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasReleaseTrackingLine(string id)
    {
        var directory = Path.Combine(RepoRoot(), "src", "PromptLint.Analyzers");
        var releases = File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(directory, "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " |", releases);
    }

    [Fact]
    public void Descriptors_HaveHelpLinksToTheirPagesAndUniqueIds()
    {
        var all = All().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in Descriptors.All)
        {
            Assert.Equal(Descriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            var message = descriptor.MessageFormat.ToString();
            Assert.True(message.EndsWith(".", StringComparison.Ordinal), $"{descriptor.Id}: messages are sentences");
            Assert.NotEqual("{0}", message); // a message states the problem and the fix; its numbers are arguments
        }
    }
}
