using System.Collections.Generic;
using System.Globalization;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// At most <see cref="MaxProblemsPerFile"/> problems per file, then one that counts the rest: a <c>config.json</c> with
/// 10,000 bad values is one mistake repeated, and 10,000 diagnostics bury everything else in the build (issue 30).
/// </summary>
public static class PromptFileProblemCap
{
    /// <summary>Problems reported per file before the rest are counted in one.</summary>
    public const int MaxProblemsPerFile = 100;

    /// <summary>The result with its problems capped; the same instance when under the cap.</summary>
    public static PromptFileResult Apply(PromptFileResult result)
    {
        var problems = result.Problems;
        if (problems.Count <= MaxProblemsPerFile)
        {
            return result;
        }

        var kept = new List<PromptFileProblem>(MaxProblemsPerFile + 1);
        for (var i = 0; i < MaxProblemsPerFile; i++)
        {
            kept.Add(problems[i]);
        }

        var last = problems[MaxProblemsPerFile];
        kept.Add(new PromptFileProblem(
            last.Path,
            last.Line,
            last.Column,
            string.Format(CultureInfo.InvariantCulture, "{0:N0} more problems like the ones above, from line {1:N0} on (PromptLint reports the first {2:N0} of a file); fix those and check again", problems.Count - MaxProblemsPerFile, last.Line, MaxProblemsPerFile)));
        return new PromptFileResult(result.Templates, kept);
    }
}
