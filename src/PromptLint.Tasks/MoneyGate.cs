using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Contracts.Traffic;

namespace PromptLint.Tasks;

/// <summary>
/// The money part of the report task (issue 31): reads the traffic file (PromptLintTrafficFile) and the monthly budget
/// (PromptLintMonthlyBudget), and logs PL0023 when the monthly cost change is over the budget (an error) or over 80% of
/// it (a warning). A traffic file that cannot be used, or a budget that is not a number, is a warning with the file and
/// line; the report then says no money per month was computed, and nothing fails on it.
/// </summary>
internal static class MoneyGate
{
    private static readonly RuleInfo Rule = MonthlyBudgetRule.Rule;

    /// <summary>The traffic file, or null when none is set or it cannot be used (warned).</summary>
    public static TrafficFile? ReadTraffic(Microsoft.Build.Utilities.Task task, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            Warn(task, path, 0, "traffic", $"{path} does not exist");
            return null;
        }

        var document = TrafficSerializer.Parse(File.ReadAllText(path));
        foreach (var problem in document.Problems)
        {
            Warn(task, path, problem.Line, "traffic", $"line {problem.Line.ToString(CultureInfo.InvariantCulture)}: {problem.Message}");
        }

        return document.File;
    }

    /// <summary>The budget in USD a month, or null when none is set or it is not a number (warned).</summary>
    public static decimal? ReadBudget(Microsoft.Build.Utilities.Task task, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimStart('$');
        if (decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var budget))
        {
            return budget;
        }

        task.Log.LogWarning(null, Rule.Id, null, Rule.HelpLink, string.Empty, 0, 0, 0, 0, "PromptLintMonthlyBudget '{0}' is not an amount of money in USD (a number such as 500 or 1250.50); the budget is not checked.", text);
        return null;
    }

    /// <summary>Logs PL0023 for a FAIL (error) or a WARN (warning) verdict.</summary>
    public static void LogVerdict(Microsoft.Build.Utilities.Task task, MoneyReport money)
    {
        var verdict = money.Verdict;
        if (verdict is not (BudgetVerdict.Fail or BudgetVerdict.Warn))
        {
            return;
        }

        var largest = money.Changed.FirstOrDefault();
        var args = new object[]
        {
            MoneyReport.Monthly(money.MonthlyDelta ?? 0m),
            money.Traffic?.WindowDays is { } days ? $"the last {days.ToString("0.#", CultureInfo.InvariantCulture)} days' traffic" : "the assumed traffic",
            MoneyReport.Dollars(money.Budget ?? 0m),
            largest is null ? "–" : $"{largest.Id} {MoneyReport.Monthly(largest.MonthlyDelta ?? 0m)} ({largest.Cause})",
        };
        var message = Rule.MessageNamed(verdict == BudgetVerdict.Fail ? "over" : "near").Format;
        if (verdict == BudgetVerdict.Fail)
        {
            task.Log.LogError(null, Rule.Id, null, Rule.HelpLink, string.Empty, 0, 0, 0, 0, message, args);
        }
        else
        {
            task.Log.LogWarning(null, Rule.Id, null, Rule.HelpLink, string.Empty, 0, 0, 0, 0, message, args);
        }
    }

    private static void Warn(Microsoft.Build.Utilities.Task task, string file, int line, string name, string problem)
        => task.Log.LogWarning(null, Rule.Id, null, Rule.HelpLink, file, line, 0, 0, 0, Rule.MessageNamed(name).Format, problem);
}
