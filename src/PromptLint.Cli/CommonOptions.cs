using System.Collections.Generic;
using System.Linq;
using System.CommandLine;

namespace PromptLint.Cli;

/// <summary>
/// The options several commands take, declared once: the same name, alias, type and wording wherever they appear.
/// Each call makes a new option for one command.
/// </summary>
internal static class CommonOptions
{
    /// <summary><c>--model</c>, <c>-m</c>: the model whose tokenizer counts.</summary>
    public static Option<string?> Model(string description, string? defaultModel = null)
    {
        var option = new Option<string?>("--model", "-m") { Description = description };
        if (defaultModel is not null)
        {
            option.DefaultValueFactory = _ => defaultModel;
        }

        return option;
    }

    /// <summary><c>--output</c>, <c>-o</c>: a file instead of standard output.</summary>
    public static Option<string?> Output(string what) => new("--output", "-o") { Description = $"Write {what} to this file instead of standard output." };

    /// <summary>
    /// An option whose value is one of <paramref name="names"/>: help lists them (as the value's placeholder, or in the
    /// description when a <paramref name="helpName"/> is given for a list too long for that), and <paramref name="parse"/> turns a
    /// name into its value (null for any other text, which the parser reports with the list: exit code 2). The value
    /// is null when the option is not given.
    /// </summary>
    public static Option<T?> OneOf<T>(string name, string? alias, string description, IReadOnlyList<string> names, System.Func<string, T?> parse, string? helpName = null)
        where T : struct
    {
        var option = alias is null ? new Option<T?>(name) : new Option<T?>(name, alias);
        option.Description = helpName is null ? description : $"{description} One of {string.Join(", ", names)}.";
        option.HelpName = helpName ?? string.Join("|", names);
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names.ToArray());
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            var value = parse(text);
            if (value is null)
            {
                result.AddError($"{name} '{text}' is not one of {string.Join(", ", names)}");
            }

            return value;
        };
        return option;
    }
}
