using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0021: a credential with a known prefix (a GitHub, Slack, AWS, OpenAI, Anthropic, npm, Stripe, Google or GitLab
/// token) in a prompt's static text. The prompt is sent to the model provider on every call, and often logged there and
/// in traces: the secret leaves the application with it. The message names the kind of credential, never its value.
/// </summary>
public sealed class SecretInPrompt : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.SecretInPrompt,
        "Secret in a prompt",
        RuleCategory.Security,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A credential in a prompt's static text (a GitHub, Slack, AWS, OpenAI, Anthropic, npm, Stripe, Google or GitLab token) is sent to the model provider with every call, and lands in its logs and in traces.",
        new string[0],
        ("default", "Prompt '{prompt}' holds {secrets} in its static text ({kinds}); it is sent to the model provider with every call. Remove it from the prompt, revoke it, and give the code that needs it the secret from configuration."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override bool Evaluates => true;

    // Each kind by the prefix its issuer gives it and the length of what follows (the issuers' published formats).
    private static readonly (string Kind, Regex Pattern)[] Kinds =
    {
        ("GitHub token", new Regex(@"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)),
        ("GitHub token", new Regex(@"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)),
        ("Slack token", new Regex(@"(?<![A-Za-z0-9_])xox[abposr]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)),
        ("AWS access key", new Regex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)),
        ("Anthropic API key", new Regex(@"(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)),
        ("OpenAI API key", new Regex(@"(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)),
        ("npm token", new Regex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)),
        ("Stripe secret key", new Regex(@"(?<![A-Za-z0-9_])[rs]k_(?:live|test)_[A-Za-z0-9]{16,250}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)),
        ("Google API key", new Regex(@"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)),
        ("GitLab token", new Regex(@"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)),
    };

    /// <summary>The credentials in <paramref name="text"/>: where each starts, its length and its kind (placeholders left out).</summary>
    public static IReadOnlyList<(int Index, int Length, string Kind)> Find(string text)
    {
        var found = new List<(int Index, int Length, string Kind)>();
        foreach (var (kind, pattern) in Kinds)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (!IsPlaceholder(match.Value) && !found.Any(f => f.Index < match.Index + match.Length && match.Index < f.Index + f.Length))
                {
                    found.Add((match.Index, match.Length, kind));
                }
            }
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    // Documentation shapes, not secrets: "sk-xxxxxxxx…", "ghp_XXXX…", "AKIAIOSFODNN7EXAMPLE", "sk-your-key-here…".
    private static bool IsPlaceholder(string value)
    {
        var body = value.Substring(value.IndexOfAny(new[] { '_', '-' }) + 1);
        if (value.IndexOf("EXAMPLE", StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf("your", StringComparison.OrdinalIgnoreCase) >= 0
            || value.IndexOf("xxxx", StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf("0000000", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        // A real token's characters are varied; a run of one or two repeated characters is a placeholder.
        return body.Distinct().Count() <= 3;
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        var template = i.Template;
        var found = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).SelectMany(s => Find(Text.TextNormalizer.NormalizeLineEndings(s.Text))).ToList();
        if (found.Count == 0)
        {
            return;
        }

        var kinds = found.GroupBy(f => f.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        var at = Evidence.First(template, text => Find(text) is { Count: > 0 } secrets ? (secrets[0].Index, secrets[0].Length) : null);
        Report(i.Findings, Rule.Message, null, at, ("prompt", i.Measurement.Id), ("secrets", found.Count == 1 ? "a secret" : $"{N(found.Count)} secrets"), ("kinds", string.Join(", ", kinds)));
    }
}
