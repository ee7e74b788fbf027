using System;
using System.Collections.Generic;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>
/// The names <c>--kind</c> takes. Help lists one name per kind; the parser also takes Core's other spellings
/// (<c>txt</c>, <c>j2</c>, <c>hbs</c>, any case) through <see cref="PromptFileKinds.Parse"/>.
/// </summary>
internal static class KindNames
{
    private static readonly (string Name, PromptFileKind Kind)[] Table =
    {
        ("prompty", PromptFileKind.Prompty), ("sk-yaml", PromptFileKind.SemanticKernelYaml), ("skprompt", PromptFileKind.SemanticKernelPrompt),
        ("github", PromptFileKind.GitHubModels), ("text", PromptFileKind.Text), ("verbatim", PromptFileKind.Verbatim), ("tools", PromptFileKind.ToolSchema),
        ("jinja", PromptFileKind.Jinja), ("handlebars", PromptFileKind.Handlebars), ("agent", PromptFileKind.Agent),
        ("yaml-prompt", PromptFileKind.YamlPrompt),
    };

    /// <summary>One name per kind a user can name, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, t => t.Name);

    /// <summary>The name Core's checker is given for <paramref name="kind"/> (its <c>PromptLintKind</c>).</summary>
    public static string Of(PromptFileKind kind)
    {
        foreach (var (name, candidate) in Table)
        {
            if (candidate == kind)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind --kind can name");
    }

    /// <summary>The kind a name stands for; null for any other text, and for the kinds that are never named (unknown, an skprompt's config.json).</summary>
    public static PromptFileKind? Parse(string name)
        => PromptFileKinds.Parse(name) is { } kind && Array.Exists(Table, t => t.Kind == kind) ? kind : null;
}
