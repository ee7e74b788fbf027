namespace PromptLint.Core.Baseline;

/// <summary>One accepted prompt footprint in <c>promptlint.baseline.json</c>.</summary>
public sealed class BaselineEntry
{
    /// <summary>The largest token count a baseline entry may hold; larger values are reported, not read.</summary>
    public const int MaxTokens = 100_000_000;

    /// <summary>The longest id the reader accepts (ids are project-relative paths and C# member names).</summary>
    public const int MaxIdLength = 1024;

    /// <summary>The longest tokenizer name or content hash the reader accepts.</summary>
    public const int MaxTokenizerLength = 128;

    /// <summary>Creates an entry.</summary>
    public BaselineEntry(string id, string tokenizer, int staticTokens, int staticPrefixTokens, int toolSchemaTokens, string contentHash, int line = 0)
    {
        Id = id;
        Tokenizer = tokenizer;
        StaticTokens = staticTokens;
        StaticPrefixTokens = staticPrefixTokens;
        ToolSchemaTokens = toolSchemaTokens;
        ContentHash = contentHash;
        Line = line;
    }

    /// <summary>Prompt id.</summary>
    public string Id { get; }

    /// <summary>Tokenizer the counts were made with.</summary>
    public string Tokenizer { get; }

    /// <summary>Accepted static tokens.</summary>
    public int StaticTokens { get; }

    /// <summary>Accepted static prefix tokens.</summary>
    public int StaticPrefixTokens { get; }

    /// <summary>Accepted tool schema tokens.</summary>
    public int ToolSchemaTokens { get; }

    /// <summary>Content hash of the accepted template.</summary>
    public string ContentHash { get; }

    /// <summary>1-based line of the entry in the file it was read from; 0 when not read from a file.</summary>
    public int Line { get; }
}
