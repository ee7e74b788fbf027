using System.Diagnostics;

namespace PromptLint.Cli.Tests;

/// <summary>The built tool as a process: what a pre-commit hook or a CI step runs.</summary>
public sealed class ProcessTests
{
    [Fact]
    public void BuiltTool_ChecksTheSamples_AndExitsByItsFindings()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        var (exit, output, error) = Run(f.Directory, "check", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.Contains("\"project\": \"Contoso.Helpdesk\"", output);

        var (failed, pretty, _) = Run(f.Directory, "check", "Prompts", "--severity", "PL0012=error");
        Assert.Equal(1, failed);
        Assert.Contains("Prompts/order-status.md:11:1: error PL0012", pretty);

        Assert.Equal(2, Run(f.Directory, "check", "no-such-file.md").Exit);
    }

    private static (int Exit, string Output, string Error) Run(string directory, params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "promptlint.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "promptlint did not exit");
        return (process.ExitCode, output.Result, error.Result);
    }
}
