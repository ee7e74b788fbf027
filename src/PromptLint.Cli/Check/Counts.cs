using System.Globalization;

namespace PromptLint.Cli.Check;

/// <summary>Numbers as <c>promptlint check</c>'s messages write them: grouped digits, and an 's' for any count but one.</summary>
internal static class Counts
{
    /// <summary>1,234.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"s" unless <paramref name="count"/> is 1.</summary>
    public static string Plural(long count) => count == 1 ? string.Empty : "s";
}
