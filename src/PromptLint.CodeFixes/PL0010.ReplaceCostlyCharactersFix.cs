using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Rules;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0010: replaces curly quotes, special dashes and spaces with their ASCII form, and deletes invisible characters,
/// in the string literals (regular, verbatim, raw, interpolated) at the diagnostic: the first message's text or the
/// <c>[Prompt]</c> member. Offered only when those literals hold every costly character of the prompt, so the saving
/// is the one the message states, and only when every rewritten literal parses back to the expected text.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceCostlyCharactersFix)), Shared]
public sealed class ReplaceCostlyCharactersFix : CodeFixProvider
{
    private enum Style
    {
        Regular,
        Verbatim,
        Raw,
    }

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CostlyCharacters);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Location.IsInSource
                || !diagnostic.Properties.TryGetValue(FixProperties.CostlyCharacters, out var expected)
                || !int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                continue;
            }

            var strings = PromptLiterals.InScope(root, diagnostic.Location.SourceSpan);
            var found = strings.Sum(s => CostlyIn(s));
            if (found == 0 || found != count)
            {
                continue;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var node in strings.Where(s => CostlyIn(s) > 0))
            {
                if (Rewrite(node) is not { } rewritten)
                {
                    replacements.Clear();
                    break;
                }

                replacements[node] = rewritten;
            }

            if (replacements.Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Replace {count} character{(count == 1 ? string.Empty : "s")} with ASCII",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]))),
                    nameof(ReplaceCostlyCharactersFix)),
                diagnostic);
        }
    }

    // Costly characters in the string's value (escapes decoded), not counting what sits inside interpolation holes
    // except nested string literals, which are constant text too.
    private static int CostlyIn(SyntaxNode node) => PromptLiterals.Values(node).Sum(v => v.Count(c => CostlyCharacters.AsciiFormOf(c) is not null));

    private static SyntaxNode? Rewrite(SyntaxNode node)
    {
        string text;
        if (node is LiteralExpressionSyntax literal)
        {
            var token = literal.Token;
            var style = token.IsKind(SyntaxKind.StringLiteralToken) ? (token.Text.StartsWith("@", System.StringComparison.Ordinal) ? Style.Verbatim : Style.Regular) : Style.Raw;
            text = RewriteText(token.Text, style);
        }
        else
        {
            var interpolated = (InterpolatedStringExpressionSyntax)node;
            var start = interpolated.StringStartToken.Text;
            var style = start.Contains("\"\"\"") ? Style.Raw : start.Contains("@") ? Style.Verbatim : Style.Regular;
            text = PromptLiterals.WithParts(interpolated, (part, _) => RewriteText(part.TextToken.Text, style));
        }

        return PromptLiterals.ParseBack(node, text, PromptLiterals.Values(node).Select(CostlyCharacters.ToAscii));
    }

    // Works on the token's source text, so escapes the author wrote stay as written; a costly character written as a
    // \u or \x escape in a regular string is replaced as well.
    private static string RewriteText(string source, Style style)
    {
        var builder = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (style == Style.Regular && c == '\\' && i + 1 < source.Length)
            {
                var length = EscapeLength(source, i, out var decoded);
                if (decoded is { } value && CostlyCharacters.AsciiFormOf(value) is { } escapedForm)
                {
                    builder.Append(Escape(escapedForm, style));
                }
                else
                {
                    builder.Append(source, i, length);
                }

                i += length - 1;
                continue;
            }

            builder.Append(CostlyCharacters.AsciiFormOf(c) is { } form ? Escape(form, style) : c.ToString());
        }

        return builder.ToString();
    }

    // Length of the escape sequence at source[start] ('\\'), and the UTF-16 char it stands for when it is one.
    private static int EscapeLength(string source, int start, out char? decoded)
    {
        decoded = null;
        var kind = source[start + 1];
        var digits = kind switch { 'u' => 4, 'U' => 8, 'x' => 4, _ => 0 };
        if (digits == 0)
        {
            return 2;
        }

        var end = start + 2;
        while (end < source.Length && end - start - 2 < digits && System.Uri.IsHexDigit(source[end]))
        {
            end++;
        }

        if (end > start + 2 && int.TryParse(source.Substring(start + 2, end - start - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code <= 0xFFFF)
        {
            decoded = (char)code;
        }

        return end - start;
    }

    private static string Escape(string ascii, Style style) => ascii == "\"" ? style switch
    {
        Style.Regular => "\\\"",
        Style.Verbatim => "\"\"",
        _ => "\"",
    } : ascii;
}
