using System;
using System.Collections.Generic;

namespace PromptLint.Cli.Check;

/// <summary>What <c>promptlint check --format</c> prints (docs/cli.md#output-formats).</summary>
internal enum CheckFormat
{
    /// <summary><c>file:line:col: severity PLxxxx: message</c>, and a summary line on standard error.</summary>
    Pretty,

    /// <summary>report.json; several projects as an array of reports.</summary>
    Json,

    /// <summary>GitHub Actions workflow commands.</summary>
    GitHub,

    /// <summary>report.md, one section per project.</summary>
    Markdown,

    /// <summary>SARIF 2.1.0.</summary>
    Sarif,
}

/// <summary>The names <c>--format</c> takes.</summary>
internal static class CheckFormats
{
    private static readonly (string Name, CheckFormat Format)[] Table =
    {
        ("pretty", CheckFormat.Pretty), ("json", CheckFormat.Json), ("github", CheckFormat.GitHub), ("markdown", CheckFormat.Markdown), ("sarif", CheckFormat.Sarif),
    };

    /// <summary>The names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, t => t.Name);

    /// <summary>The format a name stands for (ordinal: names are lower case); null for any other text.</summary>
    public static CheckFormat? Parse(string name)
    {
        foreach (var (candidate, format) in Table)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return null;
    }
}
