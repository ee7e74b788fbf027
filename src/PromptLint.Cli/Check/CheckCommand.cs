using System;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check</c>'s options. The parser and its validators turn them into <see cref="CheckOptions"/> (a bad
/// value is a usage error, exit code 2, before any file is read); the work is in <see cref="CheckRunner"/>.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr, string cwd)
    {
        var paths = new Argument<string[]>("paths") { Description = "Prompt files, folders (searched with the build's default globs) or globs; - reads one prompt from standard input. Default: the current folder.", Arity = ArgumentArity.ZeroOrMore };
        paths.Validators.Add(result =>
        {
            var given = result.GetValueOrDefault<string[]>() ?? Array.Empty<string>();
            if (given.Length > 1 && given.Contains("-"))
            {
                result.AddError("'-' reads one prompt from standard input and takes no other path");
            }
        });
        var format = CommonOptions.OneOf("--format", "-f", "pretty (default), json (report.json), github (workflow annotations), markdown (report.md) or sarif (2.1.0).", CheckFormats.Names, CheckFormats.Parse);
        var kind = CommonOptions.OneOf("--kind", null, "The format of standard input or of the files named (default: told by name and content).", KindNames.Names, KindNames.Parse, helpName: "kind");
        var stdinName = new Option<string?>("--stdin-filename") { Description = "The name standard input is reported and configured under (.editorconfig sections match it)." };
        var model = CommonOptions.Model("Model for prompts that name none (the build's PromptLintModel; default gpt-4o).");
        var regression = new RegressionOptions();
        var baseline = new Option<string?>("--baseline") { Description = "The baseline file (default: promptlint.baseline.json in each file's project folder)." };
        var modelData = new Option<string?>("--model-data") { Description = "Model, price and cache-rule overrides (the build's PromptLintModelData)." };
        var maxWarnings = new Option<int>("--max-warnings") { Description = "Exit code 1 when there are more warnings than this (default: no limit).", DefaultValueFactory = _ => -1 };
        var severity = new Option<SeverityPolicy>("--severity")
        {
            Description = "Override a rule's severity: ID=error|warning|info|none (repeat the option, or separate with commas).",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result => SeverityPolicy.Parse(result.Tokens.Select(t => t.Value), result.AddError),
        };
        var fix = new Option<bool>("--fix") { Description = "Apply every fix the IDE offers for the findings (PL0003, PL0010-PL0012), each only when it makes the promised saving; files are written atomically." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --fix: print the changes as a unified diff and write nothing." };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Accept the current footprint: write promptlint.baseline.json as the build would." };
        var output = CommonOptions.Output("the findings (in --format)");
        var traffic = new Option<string?>("--traffic") { Description = "Calls per day per prompt id (promptlint.traffic/1; the build's PromptLintTrafficFile): the markdown and JSON reports show money per month." };
        var monthlyBudget = new Option<decimal?>("--monthly-budget")
        {
            Description = "USD a month the prompts' cost change may add (the build's PromptLintMonthlyBudget): exit code 1 over it (PL0023).",
            CustomParser = result => CheckMoney.ParseBudget(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty, result.AddError),
        };
        var command = new Command("check", "Lint prompt files without a build: the build's rules, settings, baseline and fixes.")
        {
            paths, format, kind, stdinName, model, regression.Threshold, regression.MinTokens, baseline, modelData, maxWarnings, severity, fix, dryRun, updateBaseline, output, traffic, monthlyBudget,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(dryRun) && !result.GetValue(fix))
            {
                result.AddError("--dry-run goes with --fix");
            }
        });
        CommandAction.Set(command, stderr, (result, cancellation) => new CheckRunner(
            new CheckOptions
            {
                Paths = (result.GetValue(paths) ?? Array.Empty<string>()).ToList(),
                Format = result.GetValue(format) ?? CheckFormat.Pretty,
                Kind = result.GetValue(kind),
                StdinFileName = result.GetValue(stdinName),
                Model = result.GetValue(model),
                Policy = regression.Read(result),
                BaselinePath = result.GetValue(baseline),
                ModelDataPath = result.GetValue(modelData),
                MaxWarnings = result.GetValue(maxWarnings),
                Severity = result.GetValue(severity) ?? SeverityPolicy.Defaults,
                Fix = result.GetValue(fix),
                DryRun = result.GetValue(dryRun),
                UpdateBaseline = result.GetValue(updateBaseline),
                OutputPath = result.GetValue(output),
                TrafficPath = result.GetValue(traffic),
                MonthlyBudget = result.GetValue(monthlyBudget),
                CurrentDirectory = cwd,
                Cancellation = cancellation,
            },
            stdin,
            stdout,
            stderr).Run());
        return command;
    }
}
