using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Found by the held-out measurement of issue 29: templates a program loads by name (<c>qna_prompt.md</c>,
/// <c>rewrite-question-prompt.txt</c>) outside any <c>prompts/</c> folder, and documentation pages about prompts inside one.
/// </summary>
public sealed class PromptNamedFileDiscoveryTests
{
    private static Dictionary<string, PromptFileKind> Discovered(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .ToDictionary(c => c.Id, c => c.Kind);
    }

    [Fact]
    public void TemplateNamedAsAPrompt_IsFoundAnywhere_AndADocsPageInAPromptsFolderIsNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("flows/chat/qna_prompt.md", "Answer from the context.\n{% for c in context %}\n{{ c.text }}\n{% endfor %}\nQuestion: {{question}}\n");
        f.Write("flows/chat/rewrite-question-prompt.txt", "Rewrite the question so it stands alone: {{question}}\n");
        f.Write("flows/chat/notes.md", "Ideas for the next flow.\n");
        f.Write("site/concepts/prompts/templates.md", "---\ntitle: Prompt templates\ndescription: How templates work\nauthor: someone\nms.topic: conceptual\n---\n# Templates\n\nA template has {{variables}}.\n");
        f.Write("app/prompts/summarize.md", "Summarize {{thread}} in three bullets.\n");

        var found = Discovered(f.Directory);

        Assert.Equal(
            new[] { "app/prompts/summarize.md", "flows/chat/qna_prompt.md", "flows/chat/rewrite-question-prompt.txt" },
            found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(found.Values, kind => Assert.Equal(PromptFileKind.Text, kind));
    }
}
