using System.Text;

namespace PromptLint.Analyzers.Tests.Hosting;

/// <summary>
/// The same compilation analyzed many times, each analysis running its actions concurrently, gives the same
/// measurements every time: a member's text is folded the same way whichever thread asks for it first.
/// </summary>
public sealed class ConcurrentFoldingTests
{
    private static IEnumerable<(string Path, string Source)> Sources()
    {
        // One system prompt built from members that refer to one another, sent from many methods at once.
        var policy = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            policy.Append("Rule ").Append(i).Append(": answer customers about orders, shipping and returns politely. ");
        }

        yield return ("/proj/Prompts.cs", $$"""
            namespace Shop;

            public static class Prompts
            {
                public static readonly string Policy = "{{policy}}";
                public static readonly string Tone = "Be brief. " + Policy;
                public static readonly string System = $"You are Contoso's assistant. {Tone} Never promise refunds.";
            }
            """);
        for (var file = 0; file < 40; file++)
        {
            yield return ($"/proj/Service{file}.cs", $$"""
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                namespace Shop;

                public sealed class Service{{file}}(IChatClient client)
                {
                    public Task<ChatResponse> A(string q) => client.GetResponseAsync(new[] { new ChatMessage(ChatRole.System, Prompts.System), new ChatMessage(ChatRole.User, q) }, new ChatOptions { MaxOutputTokens = 10 });
                    public Task<ChatResponse> B(string q) => client.GetResponseAsync(Prompts.Tone + " " + q, new ChatOptions { MaxOutputTokens = 10 });
                }
                """);
        }
    }

    [Fact]
    public async Task SameCompilationAnalyzedConcurrently_MeasuresEveryPromptTheSameEveryTime()
    {
        var compilation = AnalyzerHarness.Compile(Sources());
        var properties = new Dictionary<string, string> { ["PromptLintProjectDirectory"] = "/proj", ["PromptLintEmitMeasurements"] = "true" };

        async Task<string> MeasureAsync()
        {
            var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, properties);
            return string.Join("\n", diagnostics.Where(d => d.Id == "PL9000")
                .Select(d => d.Properties["promptId"] + "@" + d.Location.GetLineSpan().Path + ":" + d.Location.GetLineSpan().StartLinePosition.Line + " " + d.Properties["staticTokens"] + "/" + d.Properties["holes"])
                .OrderBy(m => m, StringComparer.Ordinal));
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(MeasureAsync)));

        Assert.All(runs, run => Assert.Equal(runs[0], run));

        // Every send of Prompts.System measures its whole text: the members it is built from fold, none becomes a hole.
        var lines = runs[0].Split('\n');
        Assert.Equal(80, lines.Length);
        Assert.Equal(40, lines.Count(l => l.StartsWith("Shop.Prompts.System@", StringComparison.Ordinal) && l.EndsWith("/1", StringComparison.Ordinal)));
        Assert.Equal(40, lines.Count(l => l.StartsWith("Shop.Service", StringComparison.Ordinal) && l.EndsWith("/1", StringComparison.Ordinal)));
    }
}
