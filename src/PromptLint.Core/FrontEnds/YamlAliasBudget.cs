using System;
using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Counts what a YAML document's aliases expand to while it is parsed, and refuses the document once they expand past
/// the longest file PromptLint reads or there are more of them than any prompt file needs. The limit on a file's length
/// said nothing about its expansion: a 340 KB <c>.prompt.yml</c> repeating one 10 KB anchor 10,000 times was measured as
/// 100 MB of text, in 11 s and 750 MB (issue 30). O(1) per parser event.
/// </summary>
internal sealed class YamlAliasBudget
{
    /// <summary>Aliases read in one document before it is refused.</summary>
    public const int MaxAliases = 1_000;

    private readonly int _maxExpandedCharacters;
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long Start)> _open = new();
    private long _expanded;
    private int _aliases;

    public YamlAliasBudget(int maxExpandedCharacters) => _maxExpandedCharacters = maxExpandedCharacters;

    /// <summary>Characters of scalar text the document expands to so far, aliases expanded.</summary>
    public long Expanded => _expanded;

    /// <summary>Takes one parser event into account; throws <see cref="YamlAliasLimitException"/> past a limit.</summary>
    public void Observe(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                _expanded += scalar.Value.Length;
                if (!scalar.Anchor.IsEmpty)
                {
                    _sizes[scalar.Anchor.Value] = scalar.Value.Length;
                }

                break;
            case MappingStart mapping:
                _open.Push((mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value, _expanded));
                break;
            case SequenceStart sequence:
                _open.Push((sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value, _expanded));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var (anchor, start) = _open.Pop();
                if (anchor is not null)
                {
                    _sizes[anchor] = _expanded - start;
                }

                break;
            case AnchorAlias alias:
                if (++_aliases > MaxAliases)
                {
                    throw new YamlAliasLimitException(current.Start, string.Format(CultureInfo.InvariantCulture, "the YAML has more than {0:N0} aliases (line {1}); PromptLint does not expand more: write the repeated text out, or use fewer aliases", MaxAliases, current.Start.Line));
                }

                // An alias of an anchor still open (a recursive one) adds nothing: YamlDotNet refuses it itself.
                _expanded += _sizes.TryGetValue(alias.Value.Value, out var size) ? size : 0;
                break;
        }

        if (_expanded > _maxExpandedCharacters)
        {
            throw new YamlAliasLimitException(current.Start, string.Format(CultureInfo.InvariantCulture, "the YAML's aliases expand it to more than {0:N0} characters by line {1}, more than PromptLint reads ({2}); PromptLint does not expand them: write the repeated text once, or use fewer aliases", _maxExpandedCharacters, current.Start.Line, PromptLint.Contracts.Rules.SettingKeys.MaxPromptFileChars));
        }
    }
}

/// <summary>A YAML document refused for what its aliases expand to.</summary>
internal sealed class YamlAliasLimitException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}
