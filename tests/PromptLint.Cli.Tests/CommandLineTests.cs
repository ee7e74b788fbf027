using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>The command line itself: values the parser takes and rejects, help that lists them, and Ctrl+C.</summary>
public sealed class CommandLineTests
{
    private const string Spaces = "You answer questions about Contoso orders.   \n\n\n\nBe brief.\t \n";

    [Theory]
    [InlineData("--format", "xml", "promptlint: --format 'xml' is not one of pretty, json, github, markdown, sarif")]
    [InlineData("--format", "JSON", "promptlint: --format 'JSON' is not one of pretty, json, github, markdown, sarif")]
    [InlineData("--kind", "yaml-ish", "promptlint: --kind 'yaml-ish' is not one of prompty, sk-yaml, skprompt, github, text, verbatim, tools, jinja, handlebars, agent, yaml-prompt")]
    [InlineData("--monthly-budget", "lots", "promptlint: --monthly-budget 'lots' is not an amount of money in USD (a number such as 500 or 1250.50)")]
    public void BadValue_IsRejectedByTheParser_ExitCode2_SayingWhatItTakes(string option, string value, string message)
    {
        using var f = new Fixture();
        f.Write("Prompts/spaces.md", Spaces);

        var (exit, output, error) = f.Run("check", option, value);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal(message + "\nRun 'promptlint --help' for usage.\n", error.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("TXT")]
    [InlineData(" md ")]
    [InlineData("text")]
    public void KindSpelledAsCoreReadsIt_IsTaken(string kind)
    {
        using var f = new Fixture();

        var (exit, output, _) = f.RunWithInput(Spaces, "check", "-", "--kind", kind, "--severity", "PL0011=error");

        Assert.Equal(ExitCodes.Regressed, exit);
        Assert.Contains("<stdin>:", output);
        Assert.Contains("PL0011", output);
    }

    [Fact]
    public void CheckHelp_ListsTheFormatsAndKinds()
    {
        using var f = new Fixture();

        var (exit, output, _) = f.Run("check", "--help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("--format <pretty|json|github|markdown|sarif>", output);
        Assert.Contains("One of prompty, sk-yaml, skprompt, github, text, verbatim, tools, jinja, handlebars, agent, yaml-prompt.", output);
    }

    [Fact]
    public void EveryKindAUserCanName_HasOneNameThatParsesBackToIt()
    {
        var named = Enum.GetValues<PromptFileKind>().Where(k => k is not PromptFileKind.Unknown and not PromptFileKind.SemanticKernelConfig).ToList();

        Assert.Equal(named.Count, KindNames.Names.Count);
        Assert.All(named, kind => Assert.Equal(kind, KindNames.Parse(KindNames.Of(kind))));
        Assert.Null(KindNames.Parse("unknown"));
    }

    [Fact]
    public void StandardInputWithAnotherPath_IsAUsageError()
    {
        using var f = new Fixture();
        f.Write("Prompts/spaces.md", Spaces);

        var (exit, output, error) = f.RunWithInput(Spaces, "check", "-", "Prompts");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("'-' reads one prompt from standard input and takes no other path", error);
        Assert.Contains("Run 'promptlint --help' for usage.", error);
    }

    [Theory]
    [InlineData("check", "--update-baseline")]
    [InlineData("count", "Prompts/spaces.md")]
    [InlineData("merge", "reports")]
    [InlineData("diff", "reports/a/report.json", "reports/a/report.json")]
    [InlineData("init")]
    [InlineData("traffic", "--prometheus", "http://127.0.0.1:9")]
    public void Cancelled_EveryCommand_StopsWithExitCode130AndNoStackTrace_WritingNothing(params string[] args)
    {
        using var f = new Fixture();
        f.Write("Prompts/spaces.md", Spaces);
        f.Write("reports/a/report.json", "{\"schemaVersion\":1,\"project\":\"a\",\"prompts\":[],\"diagnostics\":[]}");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var (exit, output, error) = f.RunWith(TextReader.Null, cancel.Token, args);

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("promptlint: cancelled\n", error.Replace("\r\n", "\n"));
        Assert.False(File.Exists(f.Path_("promptlint.baseline.json")));
        Assert.False(File.Exists(f.Path_(".editorconfig")));
    }

    [Fact]
    public void CancelledWhileStandardInputIsRead_StopsBeforeAnyFindingIsPrinted()
    {
        using var f = new Fixture();
        using var cancel = new CancellationTokenSource();
        var stdin = new CancellingReader(Spaces, cancel);

        var (exit, output, error) = f.RunWith(stdin, cancel.Token, "check", "-", "--severity", "PL0011=error");

        Assert.True(stdin.WasRead);
        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("promptlint: cancelled\n", error.Replace("\r\n", "\n"));
    }

    /// <summary>Standard input whose reading is interrupted: Ctrl+C while a pipe is drained.</summary>
    private sealed class CancellingReader(string text, CancellationTokenSource cancel) : TextReader
    {
        public bool WasRead { get; private set; }

        public override string ReadToEnd()
        {
            WasRead = true;
            cancel.Cancel();
            return text;
        }
    }
}
