using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using PromptLint.Counting.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Mechanical edits of prompt files that keep everything else as written (comments, order, quoting, line endings):
/// new lines are inserted where the key belongs, indented like their siblings; nothing is re-serialized.
/// </summary>
public static partial class PromptFileEdits
{
    /// <summary>
    /// Adds an output cap in the file's own spelling: Prompty v1 <c>model.parameters.max_tokens</c> / v2
    /// <c>model.options.maxOutputTokens</c>, Semantic Kernel <c>execution_settings.default.max_tokens</c>,
    /// GitHub Models <c>modelParameters.maxTokens</c>. Null when the file cannot be edited safely (not YAML, no front matter).
    /// </summary>
    public static string? AddOutputCap(PromptFileKind kind, string text, int cap)
    {
        if (HasYamlOnlyLineBreaks(text))
        {
            return null;
        }

        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = TextNormalizer.NormalizeLineEndings(text).Split('\n').ToList();
        var value = cap.ToString(CultureInfo.InvariantCulture);
        List<string>? edited = kind switch
        {
            PromptFileKind.Prompty => Prompty(lines, value),
            PromptFileKind.SemanticKernelYaml => SemanticKernel(lines, value),
            PromptFileKind.GitHubModels => Nested(lines, 0, lines.Count, new[] { "modelParameters" }, "maxTokens", value),
            _ => null,
        };
        return edited is null ? null : string.Join(newline, edited);
    }

    private static List<string>? Prompty(List<string> lines, string value)
    {
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            return null;
        }

        var close = lines.FindIndex(1, l => l.Trim() == "---");
        if (close < 0)
        {
            return null;
        }

        // Only 'model' is walked, and the cap goes after its last line: the front matter's other values (inputs, sample,
        // which may be large) need not be built, unless there is no 'model' mapping and the cap goes after all of them.
        var yaml = string.Join("\n", lines.Skip(1).Take(close - 1));
        var root = YamlHelpers.TryLoadRoot(yaml, PromptyModelKey);
        var model = Child(root, "model") as YamlMappingNode;
        if (model is null || model.Children.Count == 0)
        {
            root = Load(yaml);
            model = Child(root, "model") as YamlMappingNode;
        }

        var v2 = model is not null && (Child(model, "id") is not null || Child(model, "options") is not null);
        return v2
            ? Nested(lines, 1, close, new[] { "model", "options" }, "maxOutputTokens", value, root)
            : Nested(lines, 1, close, new[] { "model", "parameters" }, "max_tokens", value, root);
    }

    private static readonly string[] PromptyModelKey = { "model" };

    // Only 'execution_settings' is walked when it is a mapping with keys: the cap goes after its last line or its
    // 'default' mapping's, which the other root keys' values (the template, input_variables) do not move. Without it the
    // cap goes after the whole document, and everything is built.
    private static List<string>? SemanticKernel(List<string> lines, string value)
    {
        var yaml = string.Join("\n", lines);
        var root = YamlHelpers.TryLoadRoot(yaml, SemanticKernelSettingsKey, out var whole);
        // A text that is not a YAML mapping is not one when built whole either, and one built whole (nothing to leave
        // out, or the filter gave up) is not loaded twice.
        if (root is not null && !whole && Child(root, "execution_settings") is not YamlMappingNode { Children.Count: > 0 })
        {
            root = Load(yaml);
        }

        // The older list form (execution_settings: [- max_tokens: …]) has no place for a "default" key: no edit rather than a second execution_settings.
        if (Child(root, "execution_settings") is YamlSequenceNode)
        {
            return null;
        }

        return Nested(lines, 0, lines.Count, new[] { "execution_settings", "default" }, "max_tokens", value, root);
    }

    private static readonly string[] SemanticKernelSettingsKey = { "execution_settings" };

    // Walks (or creates) the nested mappings along 'path' inside lines[first, end) and adds 'key: value' at the innermost one.
    private static List<string>? Nested(List<string> lines, int first, int end, string[] path, string key, string value)
        => Nested(lines, first, end, path, key, value, Load(string.Join("\n", lines.Skip(first).Take(end - first))));

    // The same, given the YAML of lines[first, end) loaded.
    private static List<string>? Nested(List<string> lines, int first, int end, string[] path, string key, string value, YamlMappingNode? root)
    {
        if (root is null && lines.Skip(first).Take(end - first).Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("#", StringComparison.Ordinal)))
        {
            return null;
        }

        var mapping = root;
        var indent = mapping is null || mapping.Children.Count == 0 ? 0 : (int)mapping.Children.First().Key.Start.Column - 1;
        var depth = 0;
        for (; depth < path.Length; depth++)
        {
            if (Child(mapping, path[depth]) is not YamlMappingNode next || next.Children.Count == 0)
            {
                break;
            }

            mapping = next;
            indent = (int)next.Children.First().Key.Start.Column - 1;
        }

        var step = depth == 0 ? 2 : Math.Max(2, indent - ((int)(Parent(root, path, depth)?.Children.First().Key.Start.Column ?? 1) - 1));
        var insert = new List<string>();
        var column = indent;
        for (var i = depth; i < path.Length; i++)
        {
            insert.Add(new string(' ', column) + path[i] + ":");
            column += step;
        }

        insert.Add(new string(' ', column) + key + ": " + value);

        // After the last line of the innermost existing mapping (or at the end of the YAML block).
        var after = mapping is null || mapping.Children.Count == 0 ? end - 1 : first + LastLine(mapping) - 1;
        if (after < first - 1 || after >= end)
        {
            // YamlDotNet's lines and ours disagree (it also breaks lines at U+0085, U+2028 and U+2029): no safe place.
            return null;
        }

        while (after >= first && after > 0 && lines[after].Trim().Length == 0 && after == end - 1)
        {
            after--;
        }

        var result = new List<string>(lines);
        result.InsertRange(after + 1, insert);
        return result;
    }

    private static YamlMappingNode? Parent(YamlMappingNode? root, string[] path, int depth)
    {
        var mapping = root;
        for (var i = 0; i < depth - 1; i++)
        {
            mapping = Child(mapping, path[i]) as YamlMappingNode;
        }

        return mapping;
    }

    // 1-based line of the last character of a node's content. Block sequences and mappings do not end where their last
    // child does in YamlDotNet's marks, so the children decide; a block scalar ends at column 1 of the next line.
    // Each node is measured once: aliases share nodes, and a walk that followed them would be exponential (an alias bomb).
    private static int LastLine(YamlNode node) => LastLine(node, new Dictionary<YamlNode, int>(YamlHelpers.NodeIdentity.Instance));

    private static int LastLine(YamlNode node, Dictionary<YamlNode, int> known)
    {
        if (known.TryGetValue(node, out var line))
        {
            return line;
        }

        var own = Math.Max((int)node.Start.Line, (int)node.End.Line - (node.End.Column == 1 ? 1 : 0));
        line = node switch
        {
            YamlMappingNode mapping when mapping.Children.Count > 0 => mapping.Children.Max(p => Math.Max(LastLine(p.Key, known), LastLine(p.Value, known))),
            YamlSequenceNode sequence when sequence.Children.Count > 0 => sequence.Children.Max(c => LastLine(c, known)),
            _ => own,
        };
        known[node] = line;
        return line;
    }

    private static YamlNode? Child(YamlMappingNode? mapping, string key)
        => mapping?.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key).Value;

    private static YamlMappingNode? Load(string yaml) => YamlHelpers.TryLoadRoot(yaml);

    // Line breaks to YamlDotNet (YAML 1.1) but not to an editor's lines: an edit placed by YamlDotNet's lines would land elsewhere.
    private static bool HasYamlOnlyLineBreaks(string text) => text.IndexOfAny(new[] { '\u0085', '\u2028', '\u2029' }) >= 0;
}
