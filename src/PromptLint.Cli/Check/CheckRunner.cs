using System.IO;
using System.Linq;

using static PromptLint.Cli.Check.Counts;

using PromptLint.Contracts.Rules;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check</c>, step by step: read the money options, analyse (<see cref="CheckAnalysis"/>), fix
/// (<see cref="PromptFileFixer"/>) and analyse again, accept (<see cref="BaselineWriter"/>), print in the format asked
/// for (<see cref="CheckOutput"/>), and turn the findings into the exit code. Cancellation stops it between steps,
/// before anything more is written.
/// </summary>
internal sealed class CheckRunner
{
    private readonly CheckOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly CheckAnalysis _analysis;

    public CheckRunner(CheckOptions options, TextReader stdin, TextWriter output, TextWriter error)
    {
        _options = options;
        _output = output;
        _error = error;
        _analysis = new CheckAnalysis(options, stdin, error);
    }

    /// <summary>Runs the command; the exit code.</summary>
    public int Run()
    {
        if (!CheckMoney.TryRead(_options, _error, out var traffic))
        {
            return ExitCodes.BadInput;
        }

        Timings.Mark("check starts", _error);
        var run = _analysis.Run(out var bad);
        Timings.Mark("analyzed", _error);
        Timings.Rules(_error);
        if (bad)
        {
            return ExitCodes.BadInput;
        }

        var cwd = Path.GetFullPath(_options.CurrentDirectory);
        if (_options.Fix)
        {
            var fixes = PromptFileFixer.Fix(run, _options.DryRun, cwd, _output, _options.Cancellation);
            if (_options.DryRun)
            {
                _error.WriteLine(fixes.Files == 0
                    ? "promptlint: nothing to fix"
                    : $"promptlint: --fix would change {N(fixes.Files)} file{Plural(fixes.Files)} ({N(fixes.Findings)} finding{Plural(fixes.Findings)}, {N(fixes.Tokens)} tokens per call)");
                return ExitCodes.Ok;
            }

            if (fixes.Files > 0)
            {
                _error.WriteLine($"promptlint: fixed {N(fixes.Findings)} finding{Plural(fixes.Findings)} in {N(fixes.Files)} file{Plural(fixes.Files)}, {N(fixes.Tokens)} tokens per call saved");
                run = _analysis.Run(out _);
            }
        }

        _options.Cancellation.ThrowIfCancellationRequested();
        if (_options.UpdateBaseline)
        {
            BaselineWriter.Write(run, cwd, _error);
        }

        var catalog = _analysis.Catalog;
        (run.Traffic, run.MonthlyBudget, run.Catalog) = (traffic, _options.MonthlyBudget, catalog);
        Emit(CheckOutput.Render(_options.Format, run, catalog));
        Timings.Mark("written", _error);
        var errors = run.Findings.Count(f => f.Severity == SeverityNames.Error);
        var warnings = run.Findings.Count(f => f.Severity == SeverityNames.Warning);
        if (_options.Format == CheckFormat.Pretty)
        {
            _error.WriteLine(CheckOutput.Summary(run, errors, warnings, _options.Fix));
        }

        var overBudget = CheckMoney.Judge(run, catalog, _error);
        if (errors > 0 || overBudget)
        {
            return ExitCodes.Regressed;
        }

        if (_options.MaxWarnings >= 0 && warnings > _options.MaxWarnings)
        {
            _error.WriteLine($"promptlint: {N(warnings)} warnings, more than --max-warnings {N(_options.MaxWarnings)}");
            return ExitCodes.Regressed;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Only writes the baselines (<c>promptlint init</c>): the findings are not printed.</summary>
    public int RunBaselineOnly()
    {
        var run = _analysis.Run(out var bad);
        if (bad)
        {
            return ExitCodes.BadInput;
        }

        _options.Cancellation.ThrowIfCancellationRequested();
        BaselineWriter.Write(run, Path.GetFullPath(_options.CurrentDirectory), _error);
        return ExitCodes.Ok;
    }

    private void Emit(string text)
    {
        _options.Cancellation.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(_options.OutputPath))
        {
            _output.Write(text);
            return;
        }

        PromptLint.Shared.AtomicFile.WriteIfChanged(Path.GetFullPath(Path.Combine(_options.CurrentDirectory, _options.OutputPath)), text);
    }
}
