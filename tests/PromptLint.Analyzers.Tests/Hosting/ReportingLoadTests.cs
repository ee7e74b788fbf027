using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Tests.Hosting;

/// <summary>
/// The compiler loads PromptLint.Reporting (the report renderers) only in a command-line build that renders the
/// reports, never in the IDE. Each test runs the analyzer from its own assembly load context, where PromptLint's
/// assemblies load from this test's output folder and Roslyn is shared, and asks that context what it loaded once
/// the analysis is over: no timing, no other test's loads.
/// </summary>
public sealed class ReportingLoadTests : IDisposable
{
    private const string Reporting = "PromptLint.Reporting";

    private const string Source = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class Bot(IChatClient client)
        {
            public Task<ChatResponse> Ask(string q) => client.GetResponseAsync("Answer briefly, please note that we ship worldwide: " + q);
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-load-").FullName;
    private readonly IsolatedContext _context = new();

    public void Dispose()
    {
        _context.Unload();
        Directory.Delete(_directory, recursive: true);
    }

    // The IDE passes no hand-over feature; the build properties are there as in a design-time build of a project
    // whose command-line builds render, so nothing but the missing feature keeps the renderers out.
    [Fact]
    public async Task IdeLikeRun_MeasuresWithoutLoadingTheRenderers()
    {
        var diagnostics = await AnalyzeAsync(features: Array.Empty<string>(), render: true);

        Assert.Contains(diagnostics, d => d.Id == "PL0003");
        Assert.Contains(Core, Loaded());
        Assert.DoesNotContain(Reporting, Loaded());
        Assert.False(Directory.Exists(Path.Combine(_directory, "obj")));
    }

    // A multi-targeted build (or a baseline update) hands over but lets the task render: the method that writes the
    // record runs, and the rendering behind its NoInlining boundary does not.
    [Fact]
    public async Task CommandLineBuildThatDoesNotRender_WritesTheRecordWithoutLoadingTheRenderers()
    {
        await AnalyzeAsync(features: new[] { "promptlint-handover" }, render: false);

        Assert.True(File.Exists(RunRecord));
        Assert.DoesNotContain(Reporting, Loaded());
    }

    // The control: the same check sees the load when the analyzer renders, so the tests above can fail.
    [Fact]
    public async Task CommandLineBuildThatRenders_LoadsTheRenderers()
    {
        await AnalyzeAsync(features: new[] { "promptlint-handover" }, render: true);

        Assert.True(File.Exists(Path.Combine(_directory, "obj", "promptlint", "report.md")));
        Assert.Contains(Reporting, Loaded());
    }

    private const string Core = "PromptLint.Core";

    private string RunRecord => Path.Combine(_directory, "obj", "promptlint.run.json");

    private async Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> AnalyzeAsync(string[] features, bool render)
    {
        var properties = new Dictionary<string, string>
        {
            ["PromptLintProjectDirectory"] = "/proj",
            ["PromptLintProjectFile"] = "/proj/Shop.csproj",
            ["PromptLintTargetFramework"] = "net10.0",
            ["PromptLintRunRecord"] = RunRecord,
        };
        if (render)
        {
            properties["PromptLintRenderReports"] = Path.Combine(_directory, "obj", "promptlint");
        }

        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(
            _context.LoadFromAssemblyName(new AssemblyName("PromptLint.Analyzers")).GetType("PromptLint.Analyzers.PromptFootprintAnalyzer", throwOnError: true)!)!;
        Assert.NotSame(typeof(PromptFootprintAnalyzer), analyzer.GetType());
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, features);
        return await AnalyzerHarness.AnalyzeAsync(compilation, properties, new[] { ("/proj/Prompts/a.txt", "You are Contoso's agent.\n\n{{question}}\n", "auto") }, analyzer);
    }

    private List<string?> Loaded() => _context.Assemblies.Select(a => a.GetName().Name).ToList();

    // PromptLint's assemblies load here from the test's output folder (where the build copied them, as the package
    // puts them beside the analyzer); everything else, Roslyn first, comes from the default context as in the compiler.
    private sealed class IsolatedContext() : AssemblyLoadContext("promptlint-load-test", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is not { } name || !name.StartsWith("PromptLint.", StringComparison.Ordinal))
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            Assert.True(File.Exists(path), path);
            return LoadFromAssemblyPath(path);
        }
    }
}
