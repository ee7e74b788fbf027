using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint init</c>: a starter <c>.editorconfig</c> section with PromptLint's keys, a <c>.gitignore</c> line for
/// the report <c>promptlint check -o</c> writes, and a baseline of the folder's prompt files as they are now. Each
/// step leaves an existing setting alone, so running it twice changes nothing.
/// </summary>
internal static class InitCommand
{
    public const string ReportIgnore = "promptlint.report.*";

    private const string Marker = "# PromptLint";

    public static string EditorConfigSection { get; } =
        Marker + ": settings for prompt files (promptlint check and dotnet build read the same keys; docs/configuration.md).\n" +
        "# Severities for prompt files go in a .globalconfig (is_global = true): dotnet_diagnostic.PL0011.severity = none\n" +
        "[*.{prompty,prompt.yml,prompt.yaml,tools.json,txt,md,yaml,yml}]\n" +
        "promptlint.model = gpt-4o\n" +
        "promptlint.default_max_output_tokens = 1024\n" +
        "promptlint.regression_threshold = 5\n" +
        "promptlint.regression_min_tokens = 20\n";

    public static Command Create(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var folder = new Argument<string>("folder") { Description = "The folder to set up (default: the current folder).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var command = new Command("init", "Set up a folder for promptlint check: an .editorconfig section, a .gitignore line for the report and a baseline.") { folder };
        CommandAction.Set(command, stderr, (result, cancellation) => Run(Path.GetFullPath(Path.Combine(cwd, result.GetValue(folder) ?? ".")), stdout, stderr, cancellation));
        return command;
    }

    /// <summary>Sets up <paramref name="folder"/>; each step leaves an existing setting alone.</summary>
    public static int Run(string folder, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"promptlint: '{folder}' is not a folder");
            return ExitCodes.BadInput;
        }

        var editorConfig = Path.Combine(folder, ".editorconfig");
        var existing = File.Exists(editorConfig) ? File.ReadAllText(editorConfig) : null;
        if (existing is null)
        {
            PromptLint.Shared.AtomicFile.WriteIfChanged(editorConfig, "root = true\n\n" + EditorConfigSection);
            output.WriteLine("promptlint: wrote .editorconfig");
        }
        else if (existing.IndexOf(Marker, StringComparison.Ordinal) < 0 && existing.IndexOf("promptlint.", StringComparison.Ordinal) < 0)
        {
            PromptLint.Shared.AtomicFile.WriteIfChanged(editorConfig, existing + (existing.EndsWith("\n", StringComparison.Ordinal) ? "\n" : "\n\n") + EditorConfigSection);
            output.WriteLine("promptlint: added a PromptLint section to .editorconfig");
        }
        else
        {
            output.WriteLine("promptlint: .editorconfig already has PromptLint settings");
        }

        var gitignore = Path.Combine(folder, ".gitignore");
        var ignored = File.Exists(gitignore) ? File.ReadAllText(gitignore) : string.Empty;
        if (ignored.Split('\n').Any(line => line.Trim() == ReportIgnore))
        {
            output.WriteLine("promptlint: .gitignore already ignores the report");
        }
        else
        {
            var sb = new StringBuilder(ignored);
            if (sb.Length > 0 && ignored[ignored.Length - 1] != '\n')
            {
                sb.Append('\n');
            }

            sb.Append("# promptlint check -o promptlint.report.md (or .json, .sarif)\n").Append(ReportIgnore).Append('\n');
            PromptLint.Shared.AtomicFile.WriteIfChanged(gitignore, sb.ToString());
            output.WriteLine("promptlint: added " + ReportIgnore + " to .gitignore");
        }

        // The baseline: what 'promptlint check --update-baseline' writes for the folder.
        return new CheckRunner(new CheckOptions { Paths = { "." }, UpdateBaseline = true, CurrentDirectory = folder, Cancellation = cancellation }, TextReader.Null, TextWriter.Null, output).RunBaselineOnly();
    }
}
