using System.Linq;
using PromptLint.Core.Model;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0005: a value that changes on every call in a system message, or as the first hole when most static text still
/// follows it; at the end of a user message it is where it belongs.
/// </summary>
internal static class VolatileValueRule
{
    public static readonly RuleInfo Rule = new(
        RuleIds.VolatileInStaticPrompt,
        "Volatile value in a static prompt",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A timestamp, GUID, random value or trace id in the system prompt or the static prefix changes every call and defeats prompt caching.",
        new string[0],
        ("default", "Prompt '{prompt}' puts a value that changes on every call ({value}) in its {where}, so the {tokens} static tokens after it never come from the provider's prompt cache and every call pays full price for them. Move the value to the end of the user message."));

    public static void Evaluate(RuleInput i)
    {
        var m = i.Measurement;
        var after = m.StaticTokens - m.StaticPrefixTokens;
        if (after <= 0)
        {
            return;
        }

        var first = true;
        var bulkFollows = after > m.StaticPrefixTokens;
        foreach (var message in i.Template.Messages)
        {
            foreach (var segment in message.Segments.Where(s => s.IsHole))
            {
                if (segment.IsVolatile && ((first && bulkFollows) || message.Role == PromptRole.System))
                {
                    var where = message.Role == PromptRole.System ? "system message" : "static prefix";
                    i.Report(Rule.Message, RuleTarget.Prompt, after, ("prompt", m.Id), ("value", segment.Text), ("where", where), ("tokens", N(after)));
                    return;
                }

                first = false;
            }
        }
    }
}
