using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// What a front end accepts before it parses: a file's length and how deep its YAML or JSON may nest. Checked before
/// a parser can recurse, so a hostile file costs a diagnostic (PL0101 with the limit), never the compiler process.
/// </summary>
public sealed class PromptFileLimits
{
    /// <summary>Characters read by default: far above any real prompt file (the largest MCP tool lists are ~200 KB).</summary>
    public const int DefaultMaxCharacters = 1_000_000;

    /// <summary>YAML or JSON nesting read by default (System.Text.Json's own default).</summary>
    public const int DefaultMaxNestingDepth = 64;

    /// <summary>The deepest nesting a setting can ask for: YamlDotNet builds nodes recursively, and an analyzer thread has a 1 MB stack.</summary>
    public const int HighestNestingDepth = 256;

    /// <summary>Creates limits; values out of range fall back to the default or the highest allowed.</summary>
    public PromptFileLimits(int maxCharacters = DefaultMaxCharacters, int maxNestingDepth = DefaultMaxNestingDepth)
    {
        MaxCharacters = maxCharacters > 0 ? maxCharacters : DefaultMaxCharacters;
        MaxNestingDepth = maxNestingDepth > 0 ? Math.Min(maxNestingDepth, HighestNestingDepth) : DefaultMaxNestingDepth;
    }

    /// <summary>The defaults.</summary>
    public static PromptFileLimits Default { get; } = new();

    /// <summary>Longest file read, in characters (<c>promptlint.max_prompt_file_chars</c>).</summary>
    public int MaxCharacters { get; }

    /// <summary>Deepest YAML or JSON nesting read (<c>promptlint.max_nesting_depth</c>).</summary>
    public int MaxNestingDepth { get; }
}
