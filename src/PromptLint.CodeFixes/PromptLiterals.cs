using System.Collections.Generic;
using System.Linq;
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

    private static bool IsUtf8(SyntaxToken token)
        => token.IsKind(SyntaxKind.Utf8StringLiteralToken) || token.IsKind(SyntaxKind.Utf8SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.Utf8MultiLineRawStringLiteralToken);
}
