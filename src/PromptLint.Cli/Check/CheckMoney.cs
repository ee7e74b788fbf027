using System;
using System.Globalization;
using System.IO;
using System.Linq;

using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Contracts.Traffic;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check --traffic FILE --monthly-budget N</c> (issue 31): the build's PromptLintTrafficFile and
/// PromptLintMonthlyBudget. Reads the traffic file (a problem names the file and line), and judges each project's
/// monthly cost change against the budget as the build's task does (PL0023: an error over it, a warning over 80%).
/// </summary>
internal static class CheckMoney
{
    /// <summary>
    /// The value of <c>--monthly-budget</c>, for the parser: USD, "$" and thousands separators allowed; anything else is
    /// a parse error (exit code 2) that says what an amount looks like.
    /// </summary>
    public static decimal? ParseBudget(string text, Action<string> addError)
    {
        if (decimal.TryParse(text.Trim().TrimStart('$'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        addError($"--monthly-budget '{text}' is not an amount of money in USD (a number such as 500 or 1250.50)");
        return null;
    }

    /// <summary>Reads the traffic file; false (after saying why) when it cannot be used.</summary>
    public static bool TryRead(CheckOptions options, TextWriter error, out TrafficFile? traffic)
    {
        traffic = null;
        if (options.TrafficPath is not { } given)
        {
            return true;
        }

        var path = Path.GetFullPath(Path.Combine(options.CurrentDirectory, given));
        if (!File.Exists(path))
        {
            error.WriteLine($"promptlint: --traffic: {given} does not exist");
            return false;
        }

        var document = TrafficSerializer.Parse(File.ReadAllText(path));
        foreach (var problem in document.Problems)
        {
            error.WriteLine($"{given}:{problem.Line.ToString(CultureInfo.InvariantCulture)}: {(problem.IsFatal ? "error" : "warning")} {RuleIds.MonthlyBudget}: {problem.Message}");
        }

        traffic = document.File;
        return traffic is not null;
    }

    /// <summary>Each project's money headline and verdict on standard error; true when a project is over its budget.</summary>
    public static bool Judge(CheckRun run, ModelCatalog catalog, TextWriter error)
    {
        if (run.Traffic is null && run.MonthlyBudget is null)
        {
            return false;
        }

        var over = false;
        foreach (var project in run.Projects.Where(p => !p.Stdin))
        {
            var money = MoneyReport.Build(project.Report(), project.Baseline, catalog, run.Traffic, run.MonthlyBudget);
            error.WriteLine($"promptlint: {project.Name}: {money.Headline(id => id)}");
            var verdict = money.VerdictLine();
            if (verdict is null)
            {
                continue;
            }

            var severity = money.Verdict switch { BudgetVerdict.Fail => "error", BudgetVerdict.Warn => "warning", _ => "info" };
            error.WriteLine($"promptlint: {project.Name}: {severity} {RuleIds.MonthlyBudget}: {verdict}");
            over |= money.Verdict == BudgetVerdict.Fail;
        }

        return over;
    }
}
