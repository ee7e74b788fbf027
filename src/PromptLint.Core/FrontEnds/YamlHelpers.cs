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
    /// <summary>
    /// Loads a YAML mapping. <paramref name="lineOffset"/> is added to YAML lines (front matter starts below line 1); a
    /// document whose aliases expand past <paramref name="maxExpandedCharacters"/> is refused with a problem. With
    /// <paramref name="readRootKeys"/>, the values of other root keys are checked but not built (see <see cref="YamlRootKeyFilter"/>):
    /// they read as empty scalars, so a caller must list every root key it reads.
    /// </summary>
    public static YamlMappingNode? LoadMapping(string text, string path, int lineOffset, int maxDepth, List<PromptFileProblem> problems, string what, int maxExpandedCharacters = PromptFileLimits.DefaultMaxCharacters, ICollection<string>? readRootKeys = null)
    {
        var root = LoadRoot(text, path, lineOffset, maxDepth, problems, what, maxExpandedCharacters, readRootKeys);
        if (root is null or YamlMappingNode)
        {
            return root as YamlMappingNode;
        }

        problems.Add(new PromptFileProblem(path, Line(root, lineOffset), Column(root), $"{what} must be a YAML mapping of keys to values"));
        return null;
    }

    /// <summary>Loads a YAML document's root node, of any shape, with the limits and problems of <see cref="LoadMapping"/>.</summary>
    public static YamlNode? LoadRoot(string text, string path, int lineOffset, int maxDepth, List<PromptFileProblem> problems, string what, int maxExpandedCharacters = PromptFileLimits.DefaultMaxCharacters, ICollection<string>? readRootKeys = null)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)), maxDepth, maxExpandedCharacters);
        try
        {
            var stream = Load(text, ref parser, maxDepth, maxExpandedCharacters, readRootKeys);
            if (stream.Documents.Count == 0)
            {
                problems.Add(new PromptFileProblem(path, 1 + lineOffset, 1, $"{what} is empty"));
                return null;
            }

            return stream.Documents[0].RootNode;
        }
        catch (NestingTooDeepException ex)
        {
            var line = (int)ex.At.Line + lineOffset;
            problems.Add(new PromptFileProblem(path, line, (int)ex.At.Column, $"the YAML nests deeper than {maxDepth} levels at line {line}; PromptLint reads no deeper (raise {PromptLint.Contracts.Rules.SettingKeys.MaxNestingDepth} if the file needs it)"));
            return null;
        }
        catch (YamlAliasLimitException ex)
        {
            problems.Add(new PromptFileProblem(path, (int)ex.At.Line + lineOffset, (int)ex.At.Column, ex.Message));
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

    /// <summary>
    /// The root mapping of a YAML text for an edit, or null when the text is not one (bad YAML, too deep, not a mapping).
    /// With <paramref name="readRootKeys"/>, other root keys' values read as empty scalars (see <see cref="LoadMapping"/>).
    /// </summary>
    public static YamlMappingNode? TryLoadRoot(string text, ICollection<string>? readRootKeys = null) => TryLoadRoot(text, readRootKeys, out _);

    /// <summary>As <see cref="TryLoadRoot(string, ICollection{string})"/>; <paramref name="whole"/> tells whether every value was built (nothing was left out).</summary>
    public static YamlMappingNode? TryLoadRoot(string text, ICollection<string>? readRootKeys, out bool whole)
    {
        whole = true;
        try
        {
            // An edit only rewrites a key or a scalar: YamlDotNet shares an alias's node instead of copying it, so nothing expands.
            var parser = new TrackingParser(new Parser(new StringReader(text)), PromptFileLimits.HighestNestingDepth, maxExpandedCharacters: null);
            var stream = Load(text, ref parser, PromptFileLimits.HighestNestingDepth, null, readRootKeys, out var skipped);
            whole = skipped == 0;
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or NestingTooDeepException or YamlAliasLimitException)
        {
            return null;
        }
    }

    /// <summary>For tests: called each time a text starts to be parsed, to count the parses (work, not time).</summary>
    internal static readonly System.Threading.AsyncLocal<Action?> Parsing = new();

    /// <summary>For tests: called with each document stream loaded, to count the nodes built (work, not time).</summary>
    internal static readonly System.Threading.AsyncLocal<Action<YamlStream>?> Loaded = new();

    // Loads the stream, through the root-key filter when keys are given. Whatever the filter gave up on or YamlDotNet's
    // node builder refused there, the whole document is loaded again and judges: what a file is told about its YAML never
    // depends on the filter. The parser's own failures (invalid YAML, the limits) are the same either way, since every
    // event goes through it and anything the node builder would refuse earlier in a skipped value makes the filter give
    // up first: they are not parsed a second time (issue 30: every invalid 0.45 M-character file was parsed twice).
    private static YamlStream Load(string text, ref TrackingParser parser, int maxDepth, int? maxExpandedCharacters, ICollection<string>? readRootKeys)
        => Load(text, ref parser, maxDepth, maxExpandedCharacters, readRootKeys, out _);

    // skipped: how many root values were left out (0 when the whole document was built).
    private static YamlStream Load(string text, ref TrackingParser parser, int maxDepth, int? maxExpandedCharacters, ICollection<string>? readRootKeys, out int skipped)
    {
        skipped = 0;
        var stream = new YamlStream();
        if (readRootKeys is null)
        {
            stream.Load(parser);
            Loaded.Value?.Invoke(stream);
            return stream;
        }

        var filter = new YamlRootKeyFilter(parser, readRootKeys);
        try
        {
            stream.Load(filter);
            Loaded.Value?.Invoke(stream);
            skipped = filter.Skipped;
            return stream;
        }
        catch (Exception ex) when (ex is not (NestingTooDeepException or YamlAliasLimitException) && !filter.InnerFailed)
        {
            parser = new TrackingParser(new Parser(new StringReader(text)), maxDepth, maxExpandedCharacters);
            stream = new YamlStream();
            stream.Load(parser);
            Loaded.Value?.Invoke(stream);
            return stream;
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

    /// <summary>
    /// Where a text value's first character is in <paramref name="source"/> (the YAML as loaded) and the column its later
    /// lines start at: a literal block (<c>|</c>) starts on the line after its indicator, at the block's indentation; a
    /// scalar on one line starts at its node (after the quote). Null for a folded or multi-line flow scalar, whose
    /// characters do not map one to one onto the file.
    /// </summary>
    public static (Model.SourceLocation? Origin, int ContinuationColumn) TextOrigin(YamlNode? node, string source, string path, int lineOffset)
    {
        if (node is not YamlScalarNode scalar)
        {
            return (null, 1);
        }

        switch (scalar.Style)
        {
            case ScalarStyle.Literal:
                var indicatorLine = (int)scalar.Start.Line;
                var indent = BlockIndent(source, indicatorLine);
                return indent is { } columns ? (new Model.SourceLocation(path, indicatorLine + 1 + lineOffset, columns + 1), columns + 1) : (null, 1);
            case ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when scalar.Start.Line == scalar.End.Line:
                var quote = scalar.Style == ScalarStyle.Plain ? 0 : 1;
                return (new Model.SourceLocation(path, (int)scalar.Start.Line + lineOffset, (int)scalar.Start.Column + quote), 1);
            default:
                return (null, 1);
        }
    }

    // The indentation (in spaces) of the first non-blank line after 1-based line <paramref name="indicatorLine"/>.
    private static int? BlockIndent(string source, int indicatorLine)
    {
        var position = 0;
        for (var line = 1; line <= indicatorLine && position >= 0; line++)
        {
            position = source.IndexOf('\n', position);
            position = position < 0 ? -1 : position + 1;
        }

        while (position >= 0 && position < source.Length)
        {
            var end = source.IndexOf('\n', position);
            end = end < 0 ? source.Length : end;
            var spaces = 0;
            while (position + spaces < end && source[position + spaces] == ' ')
            {
                spaces++;
            }

            if (position + spaces < end)
            {
                return spaces;
            }

            position = end + 1;
        }

        return null;
    }

    public static Model.SourceLocation? LocationOf(YamlNode? node, string path, int lineOffset)
        => node is null ? null : new Model.SourceLocation(path, Line(node, lineOffset), Column(node));

    /// <summary>
    /// Remembers where the last event started, so a failure YamlDotNet does not report as a <see cref="YamlException"/>
    /// still has a line; stops at <c>maxDepth</c> nested collections, before YamlDotNet's recursive node building can
    /// overflow the stack (a stack overflow ends the compiler process, past any catch).
    /// </summary>
    private sealed class TrackingParser : IParser
    {
        private readonly IParser _inner;
        private readonly int _maxDepth;
        private readonly YamlAliasBudget? _aliases;
        private int _depth;

        // maxExpandedCharacters: what aliases may expand the document to; null: not counted.
        public TrackingParser(IParser inner, int maxDepth, int? maxExpandedCharacters)
        {
            _inner = inner;
            _maxDepth = maxDepth;
            _aliases = maxExpandedCharacters is { } max ? new YamlAliasBudget(max) : null;
            Parsing.Value?.Invoke();
        }

        public Mark LastStart { get; private set; } = new(0, 1, 1);

        public ParsingEvent? Current => _inner.Current;

        public bool MoveNext()
        {
            var moved = _inner.MoveNext();
            if (moved && _inner.Current is { } current)
            {
                LastStart = current.Start;
                if (current is SequenceStart or MappingStart && ++_depth > _maxDepth)
                {
                    throw new NestingTooDeepException(current.Start);
                }

                if (current is SequenceEnd or MappingEnd)
                {
                    _depth--;
                }

                _aliases?.Observe(current);
            }

            return moved;
        }
    }

    /// <summary>Nodes by identity: YamlDotNet's own equality walks the whole subtree, aliases included.</summary>
    public sealed class NodeIdentity : IEqualityComparer<YamlNode>
    {
        public static readonly NodeIdentity Instance = new();

        public bool Equals(YamlNode? x, YamlNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(YamlNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class NestingTooDeepException(Mark at) : Exception
    {
        public Mark At { get; } = at;
    }
}
