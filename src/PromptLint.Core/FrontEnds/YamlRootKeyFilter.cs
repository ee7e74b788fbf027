using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Passes a YAML event stream on to YamlDotNet's node builder, except the values of root-mapping keys a front end never
/// reads: such a value (a mapping or a sequence) is parsed and checked, and handed on as one empty scalar spanning it.
/// Building nodes for everything cost far more than parsing it, and more than linearly: a 364 KB Prompty front matter of
/// 10,000 flow-style settings under <c>inputs</c> spent 55 ms building 40,000 nodes after 15 ms of parsing, most of it
/// the garbage collector promoting them, five times per fuzz input (issue 30, prompty #50). Every root key is kept, so
/// a duplicate root key is still an error.
/// </summary>
/// <remarks>
/// The result must equal the full load's wherever a front end looks, so the filter gives up (throws
/// <see cref="YamlRootKeyFilterGaveUp"/>; the caller loads the whole document instead) when a skipped value holds
/// anything the node builder would judge or share: an anchor or an alias, a key that is not a plain scalar, or a key
/// repeated in one mapping (YamlDotNet reports it). Parsing errors, the nesting limit and the alias budget are
/// unaffected: every event still goes through the inner parser.
/// </remarks>
internal sealed class YamlRootKeyFilter : IParser
{
    private readonly IParser _inner;
    private readonly ICollection<string> _keep;
    private ParsingEvent? _current;
    private int _depth;
    private bool _inRootMapping;
    private bool _expectingRootKey;
    private bool _keepValue;

    public YamlRootKeyFilter(IParser inner, ICollection<string> keep)
    {
        _inner = inner;
        _keep = keep;
    }

    /// <summary>Values of root keys left out so far (mappings and sequences handed on as one empty scalar).</summary>
    public int Skipped { get; private set; }

    /// <summary>
    /// True once the parser under the filter has thrown: the text is not valid YAML (or breaks a limit) at an event the
    /// whole load reads too, so loading it again without the filter only fails again at the same place.
    /// </summary>
    public bool InnerFailed { get; private set; }

    public ParsingEvent? Current => _current;

    public bool MoveNext()
    {
        if (!Advance())
        {
            _current = null;
            return false;
        }

        var next = _inner.Current!;
        if (_inRootMapping && _depth == 1 && next is not MappingEnd)
        {
            if (_expectingRootKey)
            {
                if (next is not Scalar key)
                {
                    throw new YamlRootKeyFilterGaveUp();
                }

                _keepValue = _keep.Contains(key.Value);
                _expectingRootKey = false;
                _current = next;
                return true;
            }

            _expectingRootKey = true;
            if (!_keepValue && next is MappingStart or SequenceStart && ((NodeEvent)next).Anchor.IsEmpty)
            {
                _current = SkipValue((NodeEvent)next);
                Skipped++;
                return true;
            }
        }

        switch (next)
        {
            case DocumentStart:
                _depth = 0;
                _inRootMapping = false;
                break;
            case MappingStart when _depth == 0:
                _depth = 1;
                _inRootMapping = true;
                _expectingRootKey = true;
                break;
            case MappingStart or SequenceStart:
                _depth++;
                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        _current = next;
        return true;
    }

    // Reads the value that starts with 'start' to its end, checking what the node builder would have judged, and
    // returns the empty scalar that stands for it.
    private Scalar SkipValue(NodeEvent start)
    {
        // One entry per open collection: its keys so far (null for a sequence) and whether a key comes next.
        var open = new Stack<(HashSet<string>? Keys, bool ExpectKey)>();
        open.Push((start is MappingStart ? new HashSet<string>(StringComparer.Ordinal) : null, true));
        var end = start.End;
        while (open.Count > 0)
        {
            if (!Advance() || _inner.Current is not { } e)
            {
                throw new YamlRootKeyFilterGaveUp();
            }

            end = e.End;
            if (e is NodeEvent { Anchor.IsEmpty: false } or AnchorAlias)
            {
                throw new YamlRootKeyFilterGaveUp();
            }

            var (keys, expectKey) = open.Peek();
            var isKey = keys is not null && expectKey;
            if (isKey && e is not Scalar && e is not MappingEnd)
            {
                throw new YamlRootKeyFilterGaveUp();
            }

            if (isKey && e is Scalar key && !keys!.Add(key.Value))
            {
                throw new YamlRootKeyFilterGaveUp();
            }

            switch (e)
            {
                case MappingStart:
                    open.Push((new HashSet<string>(StringComparer.Ordinal), true));
                    break;
                case SequenceStart:
                    open.Push((null, true));
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    Completed(open);
                    break;
                default:
                    Completed(open);
                    break;
            }
        }

        return new Scalar(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, start.Start, end);
    }

    private bool Advance()
    {
        try
        {
            return _inner.MoveNext();
        }
        catch
        {
            InnerFailed = true;
            throw;
        }
    }

    // A node ended inside the collection on top: in a mapping, a key is followed by a value and a value by a key.
    private static void Completed(Stack<(HashSet<string>? Keys, bool ExpectKey)> open)
    {
        if (open.Count > 0 && open.Peek() is { Keys: not null } top)
        {
            open.Pop();
            open.Push((top.Keys, !top.ExpectKey));
        }
    }
}

/// <summary>The filter met something only the full load can judge; the caller loads the whole document.</summary>
internal sealed class YamlRootKeyFilterGaveUp : Exception
{
}
