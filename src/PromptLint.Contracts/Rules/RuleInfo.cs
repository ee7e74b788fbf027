using System;
using System.Collections.Generic;
using System.Linq;

namespace PromptLint.Contracts.Rules;

/// <summary>One rule of PromptLint's catalogue (<c>RuleCatalog</c> in PromptLint.Core lists them all).</summary>
public sealed class RuleInfo
{
    /// <summary>Where rule pages live; each id has <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/promptlint/promptlint/blob/main/docs/rules/";

    /// <summary>
    /// Creates a catalogue entry. <paramref name="settings"/> are the <c>promptlint.*</c> keys that tune the rule (its
    /// page's Configuration section lists them); <paramref name="messages"/> are its message templates by name, the
    /// first being the one a single-message rule reports. A name starting with <c>task:</c> marks a message the
    /// MSBuild task logs for a rule the analyzer reports (it gets no descriptor).
    /// </summary>
    public RuleInfo(string id, string title, RuleCategory category, RuleSeverity defaultSeverity, RuleHost reportedBy, bool hasFix, string description, string[] settings, params (string Name, string Template)[] messages)
    {
        Id = id;
        Title = title;
        Category = category;
        DefaultSeverity = defaultSeverity;
        ReportedBy = reportedBy;
        HasFix = hasFix;
        Description = description;
        Settings = settings;
        Messages = messages.Select(m => m.Name.StartsWith(TaskPrefix, StringComparison.Ordinal)
            ? new RuleMessage(id, m.Name.Substring(TaskPrefix.Length), m.Template, RuleHost.Task)
            : new RuleMessage(id, m.Name, m.Template, reportedBy)).ToArray();
        if (Messages.Count == 0)
        {
            throw new ArgumentException($"{id} has no message.", nameof(messages));
        }
    }

    private const string TaskPrefix = "task:";

    /// <summary>PLxxxx.</summary>
    public string Id { get; }

    /// <summary>The title, as the IDE and docs/rules show it.</summary>
    public string Title { get; }

    /// <summary>The category.</summary>
    public RuleCategory Category { get; }

    /// <summary>The severity when nothing configures it.</summary>
    public RuleSeverity DefaultSeverity { get; }

    /// <summary>Who reports it.</summary>
    public RuleHost ReportedBy { get; }

    /// <summary>True when a code fix is offered for it.</summary>
    public bool HasFix { get; }

    /// <summary>What the rule is about and why it costs money (the descriptor's description).</summary>
    public string Description { get; }

    /// <summary>The <c>promptlint.*</c> keys that tune it (<see cref="SettingKeys"/>).</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>Its messages; most rules have one.</summary>
    public IReadOnlyList<RuleMessage> Messages { get; }

    /// <summary>The first (for most rules the only) message.</summary>
    public RuleMessage Message => Messages[0];

    /// <summary>The message named <paramref name="name"/>.</summary>
    public RuleMessage MessageNamed(string name)
        => Messages.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"{Id} has no message '{name}'.", nameof(name));

    /// <summary>Its page under docs/rules.</summary>
    public string HelpLink => HelpLinkBase + Id + ".md";

    /// <summary>The diagnostic category name (<c>PromptLint.Cost</c>), or empty for a rule without one.</summary>
    public string CategoryName => Category == RuleCategory.None ? string.Empty : "PromptLint." + Category;
}

/// <summary>What a rule is about.</summary>
public enum RuleCategory
{
    /// <summary>No diagnostic category (a message of the MSBuild task).</summary>
    None,

    /// <summary>Token footprint and cost.</summary>
    Cost,

    /// <summary>What a prompt must not send (secrets).</summary>
    Security,

    /// <summary>Configuration and input problems.</summary>
    Configuration,

    /// <summary>Measurements and the hand-over.</summary>
    Measurement,
}

/// <summary>A rule's default severity.</summary>
public enum RuleSeverity
{
    /// <summary>Error.</summary>
    Error,

    /// <summary>Warning.</summary>
    Warning,

    /// <summary>Info.</summary>
    Info,
}

/// <summary>Who reports a rule.</summary>
public enum RuleHost
{
    /// <summary>The analyzer, in the IDE and the build.</summary>
    Analyzer,

    /// <summary>The MSBuild task, in the build.</summary>
    Task,

    /// <summary>Nobody: the entry only keeps the analyzer running.</summary>
    Never,
}
