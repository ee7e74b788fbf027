using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>How holes are spelled in a template.</summary>
public enum TemplateFlavor
{
    /// <summary>Jinja2 / Prompty: <c>{{ name | filter }}</c>, <c>{% block %}</c> (dynamic), <c>{# comment #}</c> (dropped).</summary>
    Jinja,
    /// <summary>Mustache / Handlebars: <c>{{name}}</c>, <c>{{#section}}</c> (dynamic), <c>{{! comment}}</c> (dropped).</summary>
    Mustache,
    /// <summary>Semantic Kernel: <c>{{$name}}</c>, <c>{{plugin.function $arg}}</c> (a function call is dynamic).</summary>
    SemanticKernel,
    /// <summary>Liquid (Semantic Kernel's other format): <c>{{ name }}</c>, <c>{% tag %}</c>.</summary>
    Liquid,
    /// <summary>Plain text templates: <c>{{name}}</c>, <c>{{$name}}</c>, <c>{{ name }}</c> and <c>{name}</c>.</summary>
    Plain,
}

/// <summary>Splits template text into static segments and holes.</summary>
public static class TemplateSyntax
{
    private static readonly Regex Double = new(@"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}", RegexOptions.CultureInvariant);
    private static readonly Regex DoubleAndSingle = new(@"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})", RegexOptions.CultureInvariant);

    /// <summary>Segments of <paramref name="text"/> in order; adjacent static text is merged.</summary>
    public static IReadOnlyList<PromptSegment> Split(string text, TemplateFlavor flavor)
    {
        var regex = flavor == TemplateFlavor.Plain ? DoubleAndSingle : Double;
        var segments = new List<PromptSegment>();
        var last = 0;
        foreach (Match match in regex.Matches(text))
        {
            var raw = match.Value;
            if (raw.StartsWith("{#", System.StringComparison.Ordinal) && flavor != TemplateFlavor.Jinja)
            {
                continue;
            }

            PromptSegment.AppendStatic(segments, text.Substring(last, match.Index - last));
            last = match.Index + match.Length;

            var name = HoleName(raw);
            if (name is not null)
            {
                segments.Add(PromptSegment.Hole(name));
            }
        }

        PromptSegment.AppendStatic(segments, text.Substring(last));
        return segments;
    }

    // Null for comments, which are never sent.
    private static string? HoleName(string raw)
    {
        if (raw.StartsWith("{#", System.StringComparison.Ordinal) || raw.StartsWith("{{!", System.StringComparison.Ordinal))
        {
            return null;
        }

        string inner;
        if (raw.StartsWith("{{", System.StringComparison.Ordinal))
        {
            inner = raw.Substring(2, raw.Length - 4);
        }
        else if (raw.StartsWith("{%", System.StringComparison.Ordinal))
        {
            inner = "%" + raw.Substring(2, raw.Length - 4).Trim() + "%";
        }
        else
        {
            inner = raw.Substring(1, raw.Length - 2);
        }

        inner = inner.Trim().Trim('-', '~').Trim();
        var pipe = inner.IndexOf('|');
        if (pipe > 0 && !inner.StartsWith("%", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(0, pipe).Trim();
        }

        if (inner.StartsWith("$", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(1);
        }

        // "{{plugin.function $arg}}": the function name identifies the hole.
        var space = inner.IndexOfAny(new[] { ' ', '\t', '\n' });
        if (space > 0 && !inner.StartsWith("%", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(0, space);
        }

        return inner.Length == 0 ? "?" : inner;
    }
}
