using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.CodeFixes;

/// <summary>The string literals a prompt diagnostic covers, and their values, for the fixes that rewrite prompt text in C#.</summary>
internal static class PromptLiterals
{
    /// <summary>
    /// The regular, verbatim, raw and interpolated strings under the diagnostic's node. A string inside an
    /// interpolation hole is left out: replacing it and the string around it at once would lose one of the two edits.
    /// </summary>
    public static List<SyntaxNode> InScope(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true).DescendantNodesAndSelf()
            .Where(n => n is InterpolatedStringExpressionSyntax || n is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression })
            .Where(n => !n.Ancestors().Any(a => a is InterpolatedStringExpressionSyntax))
            .ToList();

    /// <summary>The constant text of a string (escapes decoded): the literal's value, or each text part of an interpolated string.</summary>
    public static IEnumerable<string> Values(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal => IsUtf8(literal.Token) ? Enumerable.Empty<string>() : new[] { literal.Token.ValueText },
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => Decoded(interpolated, t)),
        _ => Enumerable.Empty<string>(),
    };

    // The text token's value keeps "{{" and "}}" of a regular or verbatim interpolated string as written; the prompt
    // holds one brace. A raw interpolated string has no brace escapes.
    private static string Decoded(InterpolatedStringExpressionSyntax interpolated, InterpolatedStringTextSyntax text)
        => interpolated.StringStartToken.Text.Contains("\"\"\"") ? text.TextToken.ValueText : text.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}");

    /// <summary>The holes of an interpolated string as written, to check that a rewrite kept them.</summary>
    public static string Holes(SyntaxNode node)
        => node is InterpolatedStringExpressionSyntax s ? string.Join("\u0001", s.Contents.OfType<InterpolationSyntax>().Select(i => i.ToString())) : string.Empty;

    /// <summary>The interpolated string as written, with the source text of each text part replaced by <paramref name="partText"/> (index in order).</summary>
    public static string WithParts(InterpolatedStringExpressionSyntax interpolated, Func<InterpolatedStringTextSyntax, int, string> partText)
    {
        var full = interpolated.ToString();
        var builder = new StringBuilder(full.Length);
        var position = 0;
        var index = 0;
        foreach (var part in interpolated.Contents.OfType<InterpolatedStringTextSyntax>())
        {
            var from = part.SpanStart - interpolated.SpanStart;
            builder.Append(full, position, from - position).Append(partText(part, index++));
            position = part.Span.End - interpolated.SpanStart;
        }

        return builder.Append(full, position, full.Length - position).ToString();
    }

    /// <summary>
    /// <paramref name="text"/> parsed as the replacement of <paramref name="original"/>, or null unless it is a string of
    /// the same kind, parses without errors, holds exactly <paramref name="expected"/> and keeps the original's holes.
    /// A fix whose rewrite does not read back as intended (closing quotes merged with a quote it wrote) is not offered.
    /// </summary>
    public static SyntaxNode? ParseBack(SyntaxNode original, string text, IEnumerable<string> expected)
    {
        var parsed = SyntaxFactory.ParseExpression(text);
        if (parsed.ContainsDiagnostics || parsed.RawKind != original.RawKind || parsed.FullSpan.Length != text.Length
            || !Values(parsed).SequenceEqual(expected, StringComparer.Ordinal) || Holes(original) != Holes(parsed))
        {
            return null;
        }

        return parsed.WithTriviaFrom(original);
    }

    private static bool IsUtf8(SyntaxToken token)
        => token.IsKind(SyntaxKind.Utf8StringLiteralToken) || token.IsKind(SyntaxKind.Utf8SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.Utf8MultiLineRawStringLiteralToken);
}
