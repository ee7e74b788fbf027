using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PromptLint.Contracts.Rules;

/// <summary>
/// One message of a rule: a template that states the problem and the fix, with named arguments
/// (<c>Prompt '{prompt}' sends {tokens} static tokens …</c>). The analyzer's descriptor takes the positional form
/// (<see cref="Format"/>) and the finding's arguments (<c>RuleFinding.Arguments</c> in PromptLint.Core) in the order of <see cref="Arguments"/>,
/// so the IDE, the build, the report and the docs all show the same sentence. A rule with two situations (a missing cap,
/// a cap above the ceiling) has one message for each.
/// </summary>
public sealed class RuleMessage
{
    /// <summary>Creates a message; <paramref name="template"/> names its arguments in braces and has no other brace.</summary>
    public RuleMessage(string ruleId, string name, string template, RuleHost reportedBy = RuleHost.Analyzer)
    {
        RuleId = ruleId;
        Name = name;
        ReportedBy = reportedBy;
        Template = template;
        var arguments = new List<string>();
        var format = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw new ArgumentException($"Message '{name}' of {ruleId} has a '}}' outside an argument.", nameof(template));
            }

            if (c != '{')
            {
                format.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            var argument = end < 0 ? string.Empty : template.Substring(i + 1, end - i - 1);
            if (argument.Length == 0 || !argument.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            {
                throw new ArgumentException($"Message '{name}' of {ruleId} has a brace that does not name an argument.", nameof(template));
            }

            var index = arguments.IndexOf(argument);
            if (index < 0)
            {
                index = arguments.Count;
                arguments.Add(argument);
            }

            format.Append('{').Append(index).Append('}');
            i = end;
        }

        Arguments = arguments;
        Format = format.ToString();
    }

    /// <summary>The rule's id.</summary>
    public string RuleId { get; }

    /// <summary>Which of the rule's messages this is (<c>missing</c>, <c>ceiling</c>); the rule's only message is <c>default</c>.</summary>
    public string Name { get; }

    /// <summary>Who reports it: a rule of the analyzer may have a message the MSBuild task logs (PL0100 during a baseline update).</summary>
    public RuleHost ReportedBy { get; }

    /// <summary>The template with named arguments, as docs/rules shows it.</summary>
    public string Template { get; }

    /// <summary>The argument names in order of first use.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The template with positional arguments (<c>{0}</c>, <c>{1}</c>), the descriptor's message format.</summary>
    public string Format { get; }

    /// <summary>The message with its arguments filled in.</summary>
    public string Fill(IReadOnlyList<string> values)
        => string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, values.Cast<object>().ToArray());

    /// <summary>
    /// The argument values in the template's order, from named values; throws when a name is missing, unknown or given
    /// twice, so a rule cannot report a message it did not fill.
    /// </summary>
    public string[] Values(params (string Name, string Value)[] named)
    {
        if (named.Length != Arguments.Count)
        {
            throw new ArgumentException($"Message '{Name}' of {RuleId} takes {string.Join(", ", Arguments)}; got {string.Join(", ", named.Select(n => n.Name))}.", nameof(named));
        }

        var values = new string[Arguments.Count];
        foreach (var (argument, value) in named)
        {
            var index = Arguments.IndexOf(argument);
            if (index < 0 || values[index] is not null)
            {
                throw new ArgumentException($"Message '{Name}' of {RuleId} has no argument '{argument}', or it is given twice.", nameof(named));
            }

            values[index] = value;
        }

        return values;
    }
}

/// <summary><see cref="IReadOnlyList{T}"/>.IndexOf, which netstandard2.0 lacks.</summary>
internal static class ReadOnlyListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
