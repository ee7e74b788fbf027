using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Rules;
using PromptLint.Counting.Text;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0011 (trailing whitespace, extra blank lines) and PL0012 (minify JSON) in C#: applies the rule's own rewrite to
/// the string literals at the diagnostic (regular, verbatim, raw, and the text parts of interpolated strings; holes
/// as written). Offered only when every rewritten literal parses back to the rewritten value and the literals together
/// save exactly the tokens the message states, counted with the prompt's encoding; otherwise part of the waste lies
/// elsewhere (another message, a constant declared in another file) and the fix would promise too much.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TidyPromptLiteralFix)), Shared]
public sealed class TidyPromptLiteralFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.WhitespaceBloat, RuleIds.PrettyJson);

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
                || !diagnostic.Properties.TryGetValue(FixProperties.TokensSaved, out var promised)
                || !int.TryParse(promised, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens)
                || !diagnostic.Properties.TryGetValue(FixProperties.Encoding, out var encoding) || encoding is null
                || !TokenizerRegistry.Encodings.Contains(encoding))
            {
                continue;
            }

            var (title, rewrite) = diagnostic.Id == RuleIds.PrettyJson
                ? ("Minify the JSON or XML", (Func<string, string>)PrettyJson.MinifyAll)
                : ("Remove trailing whitespace and extra blank lines", WhitespaceBloat.Collapse);
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            var saved = 0;
            foreach (var node in PromptLiterals.InScope(root, diagnostic.Location.SourceSpan))
            {
                var before = PromptLiterals.Values(node).ToList();
                var after = before.Select(v => Apply(rewrite, v)).ToList();
                if (before.SequenceEqual(after, StringComparer.Ordinal))
                {
                    continue;
                }

                if (Rewrite(node, rewrite, after) is not { } rewritten)
                {
                    saved = -1;
                    break;
                }

                replacements[node] = rewritten;
                saved += before.Zip(after, (b, a) => Count(encoding, b) - Count(encoding, a)).Sum();
            }

            if (replacements.Count == 0 || saved != tokens)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]))), nameof(TidyPromptLiteralFix) + "." + diagnostic.Id),
                diagnostic);
        }
    }

    private static int Count(string encoding, string text) => TokenizerRegistry.Shared.Count(encoding, text);

    // The rule rewrites LF text; a literal written with CRLF keeps CRLF.
    private static string Apply(Func<string, string> rewrite, string value)
    {
        var rewritten = rewrite(TextNormalizer.NormalizeLineEndings(value));
        return value.Contains("\r\n") ? rewritten.Replace("\n", "\r\n") : rewritten;
    }

    // The node written again with the expected values, or null when the rewrite does not parse back to them.
    private static SyntaxNode? Rewrite(SyntaxNode node, Func<string, string> rewrite, List<string> expected)
    {
        var text = node switch
        {
            LiteralExpressionSyntax literal => TokenText(literal.Token.Text, expected[0], rewrite),
            InterpolatedStringExpressionSyntax interpolated => PromptLiterals.WithParts(interpolated, (part, index) => PartText(interpolated.StringStartToken.Text, part.TextToken.Text, expected[index], rewrite)),
            _ => null,
        };
        return text is null ? null : PromptLiterals.ParseBack(node, text, expected);
    }

    // A whole literal token: regular and verbatim strings are written from the new value; a raw string keeps its
    // delimiters and indentation and has the rewrite applied to its content as written (raw text has no escapes).
    private static string TokenText(string source, string value, Func<string, string> rewrite)
    {
        if (source.StartsWith("@", StringComparison.Ordinal))
        {
            return "@\"" + value.Replace("\"", "\"\"") + "\"";
        }

        if (source.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            var quotes = source.Length - source.TrimStart('"').Length;
            var body = source.Substring(quotes, source.Length - (2 * quotes));
            return source.Substring(0, quotes) + ApplySource(rewrite, body) + source.Substring(source.Length - quotes);
        }

        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    // The text part of an interpolated string, in the style its start token sets.
    private static string PartText(string start, string source, string value, Func<string, string> rewrite)
    {
        if (start.Contains("\"\"\""))
        {
            return ApplySource(rewrite, source);
        }

        var braces = value.Replace("{", "{{").Replace("}", "}}");
        return start.Contains("@")
            ? braces.Replace("\"", "\"\"")
            : Unquote(SymbolDisplay.FormatLiteral(value, quote: true)).Replace("{", "{{").Replace("}", "}}");
    }

    // Without quotes FormatLiteral leaves '"' unescaped: format the quoted literal and drop its quotes.
    private static string Unquote(string literal) => literal.Substring(1, literal.Length - 2);

    // Raw content as written: the indentation is leading whitespace, which neither rewrite touches inside a line.
    private static string ApplySource(Func<string, string> rewrite, string source)
    {
        var rewritten = rewrite(TextNormalizer.NormalizeLineEndings(source));
        return source.Contains("\r\n") ? rewritten.Replace("\n", "\r\n") : rewritten;
    }
}
