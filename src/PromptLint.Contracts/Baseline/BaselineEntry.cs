namespace PromptLint.Contracts.Baseline;

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

    /// <summary>Creates an entry that records what a call costs: the model and the output cap (null: uncapped).</summary>
    public BaselineEntry(string id, string tokenizer, string model, int? outputCap, int staticTokens, int staticPrefixTokens, int toolSchemaTokens, string contentHash, int line = 0)
        : this(id, tokenizer, staticTokens, staticPrefixTokens, toolSchemaTokens, contentHash, line)
    {
        Model = model;
        OutputCap = outputCap;
    }

    /// <summary>
    /// The model the prompt was accepted for; null in an entry written before baselines recorded it (PromptLint's
    /// first baseline format), which the next accepted update rewrites with it.
    /// </summary>
    public string? Model { get; }

    /// <summary>The accepted output cap in tokens; null when uncapped, or when <see cref="Model"/> is null (not recorded).</summary>
    public int? OutputCap { get; }

    /// <summary>True when the entry records model and cap, so the cost of a call can be compared (PL0022).</summary>
    public bool RecordsCost => Model is not null;

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
