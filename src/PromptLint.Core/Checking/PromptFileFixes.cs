using System;
using System.Collections.Generic;
using PromptLint.Contracts.Rules;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Checking;

/// <summary>
/// The fixes offered for findings in prompt files, by rule: the IDE's code fixes and <c>promptlint check --fix</c>
/// both take them from here, and both edit through <see cref="PromptFileEdits"/>, which returns an edit only when the
/// file reads back as exactly the rule's rewrite (so the saving the message promised is the saving made).
/// </summary>
public static class PromptFileFixes
{
    /// <summary>The static-text rewrite of a rule (PL0010, PL0011, PL0012) and its title; null for other rules.</summary>
    public static (string Title, Func<string, string> Rewrite)? StaticTextRewrite(string ruleId) => ruleId switch
    {
        RuleIds.CostlyCharacters => ("Replace the characters with ASCII in the prompt file", CostlyCharacters.ToAscii),
        RuleIds.WhitespaceBloat => ("Remove trailing whitespace and extra blank lines from the prompt file", WhitespaceBloat.Collapse),
        RuleIds.PrettyJson => ("Minify the JSON or XML in the prompt file", PrettyJson.MinifyAll),
        _ => null,
    };

    /// <summary>True for the kinds whose settings can take an output cap (PL0003's fix in a prompt file).</summary>
    public static bool CanCap(PromptFileKind kind) => kind is PromptFileKind.Prompty or PromptFileKind.SemanticKernelYaml or PromptFileKind.GitHubModels;

    /// <summary>True when a finding of <paramref name="ruleId"/> in a file of <paramref name="kind"/> has a fix.</summary>
    public static bool IsFixable(string ruleId, PromptFileKind kind)
        => (StaticTextRewrite(ruleId) is not null && PromptFileEdits.CanRewriteStaticText(kind)) || (ruleId == RuleIds.MissingOutputCap && CanCap(kind));

    /// <summary>
    /// One finding's fix applied to the file's text: the edited text, or null when it cannot be made safely.
    /// </summary>
    /// <param name="ruleId">The finding's rule.</param>
    /// <param name="kind">The kind the file was read as.</param>
    /// <param name="path">The file's path (for the front end's messages).</param>
    /// <param name="text">The file's text now.</param>
    /// <param name="cap">The output cap PL0003's fix writes (<c>promptlint.default_max_output_tokens</c>).</param>
    public static string? Apply(string ruleId, PromptFileKind kind, string path, string text, int cap)
    {
        if (StaticTextRewrite(ruleId) is { } rule)
        {
            return PromptFileEdits.RewriteStaticText(kind, path, text, rule.Rewrite);
        }

        return ruleId == RuleIds.MissingOutputCap && CanCap(kind) ? PromptFileEdits.AddOutputCap(kind, text, cap) : null;
    }

    /// <summary>
    /// Every fix for the given rules in turn (by rule id, each once), as the IDE's fix-all makes one edit per file; a
    /// fix that cannot be made leaves the text as the previous one left it.
    /// </summary>
    /// <returns>The edited text and the rules whose fix was applied.</returns>
    public static (string Text, IReadOnlyList<string> Applied) ApplyAll(IEnumerable<string> ruleIds, PromptFileKind kind, string path, string text, int cap)
    {
        var ids = new SortedSet<string>(ruleIds, StringComparer.Ordinal);
        var applied = new List<string>();
        foreach (var id in ids)
        {
            if (Apply(id, kind, path, text, cap) is { } edited && !string.Equals(edited, text, StringComparison.Ordinal))
            {
                text = edited;
                applied.Add(id);
            }
        }

        return (text, applied);
    }
}
