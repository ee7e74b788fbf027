namespace PromptLint.Contracts.Pricing;

/// <summary>What PromptLint knows of a model: provider, limits and list prices (USD per 1M tokens), with its source.</summary>
public sealed class ModelInfo
{
    /// <summary>Model id, matched as the longest prefix of a model name.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>openai, azure-openai, anthropic or gemini.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Context window in tokens.</summary>
    public int ContextWindow { get; set; }

    /// <summary>Largest output the model produces in one call.</summary>
    public int MaxOutputTokens { get; set; }

    /// <summary>Input price per 1M tokens.</summary>
    public decimal Input { get; set; }

    /// <summary>Price per 1M input tokens read from the provider's prompt cache, when it has one.</summary>
    public decimal? CachedInput { get; set; }

    /// <summary>Price per 1M tokens written to the cache, when the provider charges for writes.</summary>
    public decimal? CacheWrite { get; set; }

    /// <summary>Output price per 1M tokens.</summary>
    public decimal Output { get; set; }

    /// <summary>Batch input price per 1M tokens, when there is a batch API.</summary>
    public decimal? BatchInput { get; set; }

    /// <summary>Where the figures come from.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>When they were read (yyyy-MM-dd).</summary>
    public string AsOf { get; set; } = string.Empty;
}

/// <summary>A provider's prompt-caching rule: how long a prefix must be before it is cached.</summary>
public sealed class CacheRule
{
    /// <summary>Provider the rule applies to.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Model id prefix the rule is limited to; empty for the provider's default.</summary>
    public string ModelPrefix { get; set; } = string.Empty;

    /// <summary>Minimum cacheable prefix in tokens.</summary>
    public int MinPrefixTokens { get; set; }

    /// <summary>Granularity of cache hits, when the provider has one.</summary>
    public int? StepTokens { get; set; }

    /// <summary>What counts in the prefix.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Where the rule is documented.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>When it was read (yyyy-MM-dd).</summary>
    public string AsOf { get; set; } = string.Empty;
}
