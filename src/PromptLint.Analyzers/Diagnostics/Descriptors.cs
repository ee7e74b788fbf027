using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Analyzers.Diagnostics;

/// <summary>
/// All PromptLint diagnostic descriptors, made from the rule catalogue (<see cref="RuleCatalog"/>): id, title,
/// category, severity, help link, description and message come from each rule's entry in Core, so nothing here can
/// disagree with the docs, the task or the CLI. A rule with several messages (PL0003: a missing cap, a cap above the
/// ceiling) has a descriptor per message, all with the same id.
/// </summary>
public static class Descriptors
{
    /// <summary>Where rule pages live; each id has <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public const string HelpLinkBase = RuleInfo.HelpLinkBase;

    private static readonly Dictionary<RuleMessage, DiagnosticDescriptor> ByMessage = RuleCatalog.All
        .SelectMany(r => r.Messages)
        .Where(m => m.ReportedBy != RuleHost.Task)
        .ToDictionary(m => m, Create);

    /// <summary>Every descriptor the analyzer can report, a rule's messages each with their own.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = RuleCatalog.All
        .SelectMany(r => r.Messages)
        .Where(m => m.ReportedBy != RuleHost.Task)
        .Select(For)
        .ToImmutableArray();

    /// <summary>
    /// A diagnostic of the rule's first message, its arguments named
    /// as in the catalogue's template: a wrong or missing name throws instead of shifting the message's numbers.
    /// </summary>
    public static Diagnostic Create(string id, Location location, ImmutableDictionary<string, string?>? properties, params (string Name, string Value)[] arguments)
        => Create(RuleCatalog.Get(id).Message, location, null, properties, arguments);

    /// <summary>A diagnostic of <paramref name="message"/>, at <paramref name="severity"/> when given.</summary>
    public static Diagnostic Create(RuleMessage message, Location location, DiagnosticSeverity? severity, ImmutableDictionary<string, string?>? properties, params (string Name, string Value)[] arguments)
    {
        var descriptor = For(message);
        var values = message.Values(arguments).ToArray<object>();
        return Diagnostic.Create(descriptor, location, severity ?? descriptor.DefaultSeverity, additionalLocations: null, properties, values);
    }

    /// <summary>The descriptor of one message of a rule.</summary>
    public static DiagnosticDescriptor For(RuleMessage message) => ByMessage[message];


    // A measurement and the hand-over's keep-alive entry cannot be configured away: the hand-over needs the analyzer to run.
    private static DiagnosticDescriptor Create(RuleMessage message)
    {
        var rule = RuleCatalog.Get(message.RuleId);
        var severity = rule.DefaultSeverity switch
        {
            RuleSeverity.Error => DiagnosticSeverity.Error,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        var tags = rule.Category == RuleCategory.Measurement ? new[] { WellKnownDiagnosticTags.NotConfigurable } : new string[0];
        return new(rule.Id, rule.Title, message.Format, rule.CategoryName, severity, isEnabledByDefault: true, description: rule.Description, helpLinkUri: rule.HelpLink, customTags: tags);
    }
}
