using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>YamlDotNet access that turns every failure into a <see cref="PromptFileProblem"/>.</summary>
internal static class YamlHelpers
{
    /// <summary>Loads a YAML mapping. <paramref name="lineOffset"/> is added to YAML lines (front matter starts below line 1).</summary>
    public static YamlMappingNode? LoadMapping(string text, string path, int lineOffset, List<PromptFileProblem> problems, string what)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0)
            {
                problems.Add(new PromptFileProblem(path, 1 + lineOffset, 1, $"{what} is empty"));
                return null;
            }

            if (stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                return mapping;
            }

            var root = stream.Documents[0].RootNode;
            problems.Add(new PromptFileProblem(path, Line(root, lineOffset), Column(root), $"{what} must be a YAML mapping of keys to values"));
            return null;
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line + lineOffset;
            problems.Add(new PromptFileProblem(path, line, (int)ex.Start.Column, $"invalid YAML at line {line}: {ex.Message}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed "[" followed by "key: value"):
            // the last event it produced is the nearest place to point at.
            var line = (int)parser.LastStart.Line + lineOffset;
            problems.Add(new PromptFileProblem(path, line, (int)parser.LastStart.Column, $"invalid YAML at line {line}: the text after this point is not valid YAML"));
            return null;
        }
    }

    public static int Line(YamlNode node, int lineOffset) => (int)node.Start.Line + lineOffset;

    public static int Column(YamlNode node) => (int)node.Start.Column;

    public static YamlNode? Get(YamlMappingNode? mapping, string key)
    {
        if (mapping is null)
        {
            return null;
        }

        foreach (var pair in mapping.Children)
        {
            if (pair.Key is YamlScalarNode scalar && string.Equals(scalar.Value, key, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    public static YamlMappingNode? GetMapping(YamlMappingNode? mapping, string key) => Get(mapping, key) as YamlMappingNode;

    /// <summary>A string value; a non-scalar there is a problem.</summary>
    public static string? GetString(YamlMappingNode? mapping, string key, string path, int lineOffset, List<PromptFileProblem> problems)
    {
        var node = Get(mapping, key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            default:
                problems.Add(new PromptFileProblem(path, Line(node, lineOffset), Column(node), $"'{key}' at line {Line(node, lineOffset)} must be text"));
                return null;
        }
    }

    /// <summary>A positive whole number; anything else there is a problem.</summary>
    public static int? GetPositiveInt(YamlMappingNode? mapping, string key, string path, int lineOffset, List<PromptFileProblem> problems)
    {
        var node = Get(mapping, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar
            && int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value > 0)
        {
            return value;
        }

        problems.Add(new PromptFileProblem(path, Line(node, lineOffset), Column(node), $"'{key}' at line {Line(node, lineOffset)} must be a positive whole number"));
        return null;
    }

    /// <summary>PromptLint's own front-matter settings: <c>promptlint: { budget: N }</c> (or a flat <c>promptlint.budget</c> key).</summary>
    public static int? Budget(YamlMappingNode? root, string path, int lineOffset, List<PromptFileProblem> problems)
        => GetPositiveInt(GetMapping(root, "promptlint"), "budget", path, lineOffset, problems)
           ?? GetPositiveInt(root, "promptlint.budget", path, lineOffset, problems);

    public static Model.SourceLocation? LocationOf(YamlNode? node, string path, int lineOffset)
        => node is null ? null : new Model.SourceLocation(path, Line(node, lineOffset), Column(node));

    /// <summary>Remembers where the last event started, so a failure YamlDotNet does not report as a <see cref="YamlException"/> still has a line.</summary>
    private sealed class TrackingParser : IParser
    {
        private readonly IParser _inner;

        public TrackingParser(IParser inner) => _inner = inner;

        public Mark LastStart { get; private set; } = new(0, 1, 1);

        public ParsingEvent? Current => _inner.Current;

        public bool MoveNext()
        {
            var moved = _inner.MoveNext();
            if (moved && _inner.Current is { } current)
            {
                LastStart = current.Start;
            }

            return moved;
        }
    }
}
