using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using PromptLint.Cli.Check;

namespace PromptLint.Cli;

/// <summary>The commands and their options; the work is in <see cref="Commands"/>, <see cref="CheckRunner"/> and <see cref="InitCommand"/>.</summary>
internal static class CommandLine
{
    /// <summary>Parses and runs; a usage error is exit code 2, like bad input.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string? currentDirectory = null)
    {
        Timings.Mark("main", stderr);
        var root = Build(stdin, stdout, stderr, currentDirectory ?? Directory.GetCurrentDirectory());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine("promptlint: " + error.Message);
            }

            stderr.WriteLine("Run 'promptlint --help' for usage.");
            return Commands.BadInput;
        }

        Timings.Mark("parsed", stderr);
        var exit = parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        Timings.Mark("done", stderr);
        return exit;
    }

    private static RootCommand Build(TextReader stdin, TextWriter stdout, TextWriter stderr, string cwd)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model whose tokenizer counts (as PromptLintModel).", DefaultValueFactory = _ => "gpt-4o" };
        var countFile = new Argument<string>("file") { Description = "A prompt file or any text file; - reads standard input." };
        var count = new Command("count", "Count tokens the way the PromptLint analyzer does.") { countFile, model };
        count.SetAction(result => Commands.Count(result.GetValue(countFile)!, result.GetValue(model)!, stdin, stdout, stderr));

        var threshold = new Option<double>("--threshold") { Description = "Regression threshold in percent.", DefaultValueFactory = _ => 5 };
        var minTokens = new Option<int>("--min-tokens") { Description = "Growth below this many tokens never regresses.", DefaultValueFactory = _ => 20 };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the Markdown here instead of standard output." };

        var reports = new Argument<string[]>("reports") { Description = "report.json files, folders or globs (**/obj/promptlint/report.json).", Arity = ArgumentArity.OneOrMore };
        var merge = new Command("merge", "Merge the reports of a solution's projects into one pull-request comment.") { reports, outputFile, threshold };
        merge.SetAction(result => Commands.Merge(result.GetValue(reports)!, result.GetValue(outputFile), result.GetValue(threshold), stdout, stderr));

        var before = new Argument<string>("base") { Description = "report.json of the base build." };
        var after = new Argument<string>("head") { Description = "report.json of the pull request's build." };
        var diff = new Command("diff", "Compare two builds; exit code 1 when a prompt regressed.") { before, after, threshold, minTokens, outputFile };
        diff.SetAction(result => Commands.Diff(result.GetValue(before)!, result.GetValue(after)!, result.GetValue(threshold), result.GetValue(minTokens), result.GetValue(outputFile), stdout, stderr));

        return new RootCommand("PromptLint: the token footprint of your prompts.") { count, merge, diff, Check(stdin, stdout, stderr, cwd), Init(stdout, stderr, cwd), Traffic.TrafficCommand.Create(stdout, stderr, cwd) };
    }

    private static Command Check(TextReader stdin, TextWriter stdout, TextWriter stderr, string cwd)
    {
        var paths = new Argument<string[]>("paths") { Description = "Prompt files, folders (searched with the build's default globs) or globs; - reads one prompt from standard input. Default: the current folder.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "pretty (default), json (report.json), github (workflow annotations), markdown (report.md) or sarif (2.1.0).", DefaultValueFactory = _ => "pretty" };
        format.AcceptOnlyFromAmong(CheckOutput.Formats);
        var kind = new Option<string?>("--kind") { Description = "The format of standard input or of the files named: prompty, sk-yaml, skprompt, github, text or tools." };
        var stdinName = new Option<string?>("--stdin-filename") { Description = "The name standard input is reported and configured under (.editorconfig sections match it)." };
        var model = new Option<string?>("--model", "-m") { Description = "Model for prompts that name none (the build's PromptLintModel; default gpt-4o)." };
        var threshold = new Option<double?>("--threshold") { Description = "Regression threshold in percent (PromptLintRegressionThreshold; default 5)." };
        var minTokens = new Option<int?>("--min-tokens") { Description = "Growth in tokens that can regress (PromptLintRegressionMinTokens; default 20)." };
        var baseline = new Option<string?>("--baseline") { Description = "The baseline file (default: promptlint.baseline.json in each file's project folder)." };
        var modelData = new Option<string?>("--model-data") { Description = "Model, price and cache-rule overrides (the build's PromptLintModelData)." };
        var maxWarnings = new Option<int>("--max-warnings") { Description = "Exit code 1 when there are more warnings than this (default: no limit).", DefaultValueFactory = _ => -1 };
        var severity = new Option<string[]>("--severity") { Description = "Override a rule's severity: ID=error|warning|info|none (repeat the option, or separate with commas)." };
        var fix = new Option<bool>("--fix") { Description = "Apply every fix the IDE offers for the findings (PL0003, PL0010-PL0012), each only when it makes the promised saving; files are written atomically." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --fix: print the changes as a unified diff and write nothing." };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Accept the current footprint: write promptlint.baseline.json as the build would." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the findings (in --format) to this file instead of standard output." };
        var traffic = new Option<string?>("--traffic") { Description = "Calls per day per prompt id (promptlint.traffic/1; the build's PromptLintTrafficFile): the markdown and JSON reports show money per month." };
        var monthlyBudget = new Option<string?>("--monthly-budget") { Description = "USD a month the prompts' cost change may add (the build's PromptLintMonthlyBudget): exit code 1 over it (PL0023)." };
        kind.Validators.Add(result => Report(result, CheckOptionProblems.Kind(result.GetValueOrDefault<string?>())));
        severity.Validators.Add(result =>
        {
            foreach (var item in (result.GetValueOrDefault<string[]>() ?? Array.Empty<string>()).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                Report(result, SeverityPolicy.Problem(item));
            }
        });
        var check = new Command("check", "Lint prompt files without a build: the build's rules, settings, baseline and fixes.")
        {
            paths, format, kind, stdinName, model, threshold, minTokens, baseline, modelData, maxWarnings, severity, fix, dryRun, updateBaseline, output, traffic, monthlyBudget,
        };
        check.Validators.Add(result => Report(result, CheckOptionProblems.DryRun(result.GetValue(dryRun), result.GetValue(fix))));
        check.SetAction((result, cancellation) => System.Threading.Tasks.Task.FromResult(new CheckRunner(
            new CheckOptions
            {
                Paths = (result.GetValue(paths) ?? Array.Empty<string>()).ToList(),
                Format = result.GetValue(format) ?? "pretty",
                Kind = result.GetValue(kind),
                StdinFileName = result.GetValue(stdinName),
                Model = result.GetValue(model),
                Threshold = result.GetValue(threshold),
                MinTokens = result.GetValue(minTokens),
                BaselinePath = result.GetValue(baseline),
                ModelDataPath = result.GetValue(modelData),
                MaxWarnings = result.GetValue(maxWarnings),
                Severities = (result.GetValue(severity) ?? Array.Empty<string>()).ToList(),
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
            stderr).Run()));
        return check;
    }

    // A validator's problem becomes a usage error: printed as 'promptlint: …', exit code 2.
    private static void Report(System.CommandLine.Parsing.SymbolResult result, string? problem)
    {
        if (problem is not null)
        {
            result.AddError(problem);
        }
    }

    private static Command Init(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var folder = new Argument<string>("folder") { Description = "The folder to set up (default: the current folder).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var init = new Command("init", "Set up a folder for promptlint check: an .editorconfig section, a .gitignore line for the report and a baseline.") { folder };
        init.SetAction(result => InitCommand.Run(System.IO.Path.GetFullPath(System.IO.Path.Combine(cwd, result.GetValue(folder) ?? ".")), stdout, stderr));
        return init;
    }
}
