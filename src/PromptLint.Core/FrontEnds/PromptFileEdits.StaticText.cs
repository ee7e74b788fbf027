using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

public static partial class PromptFileEdits
{
    /// <summary>
    /// Applies a static-text rewrite (a rule's own: <c>CostlyCharacters.ToAscii</c>, <c>WhitespaceBloat.Collapse</c>,
    /// <c>PrettyJson.MinifyAll</c>) to the prompt text of a file, in place: the whole of a plain-text template, the body
    /// of a <c>.prompty</c> file, and literal block scalars (<c>|</c>) holding a Semantic Kernel <c>template</c> or a
    /// GitHub Models message <c>content</c>. Holes, YAML keys, comments and every other line stay as written, and the
    /// file keeps its line endings. The result is read back through the file's front end and returned only when every
    /// static segment of every prompt is exactly the rewrite of the old one and nothing else changed, so the prompt
    /// shrinks by what the rule measured. Null when there is nothing to rewrite or the edit cannot be made safely
    /// (quoted or folded scalars, a file that does not parse).
    /// </summary>
    public static string? RewriteStaticText(PromptFileKind kind, string path, string text, Func<string, string> rewrite)
    {
        if (kind is PromptFileKind.SemanticKernelYaml or PromptFileKind.GitHubModels && HasYamlOnlyLineBreaks(text))
        {
            return null;
        }

        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var normalized = TextNormalizer.NormalizeLineEndings(text);
        var regions = PromptRegions(kind, normalized);
        if (regions is null || regions.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder(normalized.Length);
        var position = 0;
        foreach (var (start, end) in regions.OrderBy(r => r.Start))
        {
            if (start < position || end > normalized.Length || end < start)
            {
                return null;
            }

            builder.Append(normalized, position, start - position).Append(RewritePieces(normalized.Substring(start, end - start), rewrite));
            position = end;
        }

        var edited = builder.Append(normalized, position, normalized.Length - position).ToString();
        if (string.Equals(edited, normalized, StringComparison.Ordinal) || !ReadsAsRewritten(kind, path, normalized, edited, rewrite))
        {
            return null;
        }

        return newline == "\n" ? edited : edited.Replace("\n", newline);
    }

    // The text between holes is rewritten, each piece on its own, as the rules see static segments. Every hole
    // spelling of every flavor is left alone, found in one linear pass (see TemplateSyntax.Tags).
    private static string RewritePieces(string region, Func<string, string> rewrite)
    {
        var builder = new StringBuilder(region.Length);
        var last = 0;
        foreach (var (index, length) in TemplateSyntax.AnyTags(region))
        {
            builder.Append(rewrite(region.Substring(last, index - last))).Append(region, index, length);
            last = index + length;
        }

        return builder.Append(rewrite(region.Substring(last))).ToString();
    }

    // Character ranges [Start, End) of the normalized text that hold prompt text, or null when the file is not one
    // this edit understands.
    /// <summary>True for the kinds whose prompt text <see cref="RewriteStaticText"/> can edit in place.</summary>
    public static bool CanRewriteStaticText(PromptFileKind kind)
        => kind is PromptFileKind.Text or PromptFileKind.Verbatim or PromptFileKind.SemanticKernelPrompt or PromptFileKind.Jinja or PromptFileKind.Handlebars
            or PromptFileKind.Prompty or PromptFileKind.Agent or PromptFileKind.SemanticKernelYaml or PromptFileKind.GitHubModels;

    private static List<(int Start, int End)>? PromptRegions(PromptFileKind kind, string text)
    {
        switch (kind)
        {
            case PromptFileKind.Text or PromptFileKind.Verbatim or PromptFileKind.SemanticKernelPrompt or PromptFileKind.Jinja or PromptFileKind.Handlebars:
                return new List<(int, int)> { (0, text.Length) };
            case PromptFileKind.Agent:
                // The body after the front matter, trimmed as the agent front end sends it (one message).
                var bodyStart = FrontMatter.BodyStart(text).Offset;
                var body = text.Substring(bodyStart);
                var leading = body.Length - body.TrimStart().Length;
                return new List<(int, int)> { (bodyStart + leading, bodyStart + leading + body.Trim().Length) };
            case PromptFileKind.Prompty:
                var lines = text.Split('\n');
                if (lines.Length == 0 || lines[0].Trim() != "---")
                {
                    return null;
                }

                var offset = lines[0].Length + 1;
                for (var i = 1; i < lines.Length; i++)
                {
                    offset += lines[i].Length + 1;
                    if (lines[i].Trim() == "---")
                    {
                        return offset <= text.Length ? new List<(int, int)> { (offset, text.Length) } : null;
                    }
                }

                return null;
            case PromptFileKind.SemanticKernelYaml:
                return LiteralBlocks(text, TemplateKey, root => new[] { Child(root, "template") });
            case PromptFileKind.GitHubModels:
                return LiteralBlocks(text, MessagesKey, root => (Child(root, "messages") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().Select(m => Child(m, "content")) ?? Enumerable.Empty<YamlNode?>());
            default:
                return null;
        }
    }

    private static readonly string[] TemplateKey = { "template" };

    private static readonly string[] MessagesKey = { "messages" };

    // The content lines of literal block scalars (after the '|' line, up to the scalar's end). Other scalar styles
    // have escapes or folding that a text rewrite would break, so they are left out. Only the root key that holds them
    // is built (see YamlRootKeyFilter).
    private static List<(int Start, int End)>? LiteralBlocks(string text, string[] rootKey, Func<YamlMappingNode, IEnumerable<YamlNode?>> select)
    {
        var root = YamlHelpers.TryLoadRoot(text, rootKey);
        if (root is null)
        {
            return null;
        }

        var regions = new List<(int, int)>();
        foreach (var node in select(root).OfType<YamlScalarNode>().Where(s => s.Style == ScalarStyle.Literal))
        {
            var start = text.IndexOf('\n', (int)node.Start.Index);
            var end = (int)node.End.Index;
            if (start >= 0 && start + 1 <= end)
            {
                regions.Add((start + 1, end));
            }
        }

        return regions;
    }

    private static bool ReadsAsRewritten(PromptFileKind kind, string path, string before, string after, Func<string, string> rewrite)
    {
        var old = PromptFileReader.Read(new PromptFileInput(path, path, before), kind);
        var now = PromptFileReader.Read(new PromptFileInput(path, path, after), kind);
        if (old.Problems.Count > 0 || now.Problems.Count > 0 || old.Templates.Count != now.Templates.Count)
        {
            return false;
        }

        for (var t = 0; t < old.Templates.Count; t++)
        {
            var (a, b) = (old.Templates[t], now.Templates[t]);
            if (a.Id != b.Id || a.Model != b.Model || a.OutputCap != b.OutputCap || a.OutputCapStatus != b.OutputCapStatus
                || a.Tools.Count != b.Tools.Count || a.Messages.Count != b.Messages.Count
                || !a.Tools.Select(x => x.WireJson).SequenceEqual(b.Tools.Select(x => x.WireJson), StringComparer.Ordinal))
            {
                return false;
            }

            for (var m = 0; m < a.Messages.Count; m++)
            {
                if (a.Messages[m].Role != b.Messages[m].Role || !SegmentsMatch(a.Messages[m].Segments, b.Messages[m].Segments, rewrite))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool SegmentsMatch(IReadOnlyList<PromptSegment> before, IReadOnlyList<PromptSegment> after, Func<string, string> rewrite)
    {
        // A static segment the rewrite empties disappears from the new prompt. Each segment is rewritten once (a
        // segment can be a 0.4 M-character template: issue 30, sk-yaml #702).
        var expected = before.Select(s => (Segment: s, Rewritten: s.IsHole ? null : rewrite(TextNormalizer.NormalizeLineEndings(s.Text))))
            .Where(s => s.Rewritten is null || s.Rewritten.Length > 0)
            .ToList();
        if (expected.Count != after.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var ((x, rewritten), y) = (expected[i], after[i]);
            var same = x.IsHole
                ? y.IsHole && x.Text == y.Text && x.Cap == y.Cap && x.IsVolatile == y.IsVolatile
                : !y.IsHole && string.Equals(rewritten, TextNormalizer.NormalizeLineEndings(y.Text), StringComparison.Ordinal);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}
