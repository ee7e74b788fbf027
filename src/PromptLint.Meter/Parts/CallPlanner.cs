using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Meter;

/// <summary>
/// What the three parts (budgets, quotas, metering) read the same way: a call's attribution, model and budgets, the
/// input counter, prices and output caps, and the one usage policy (reported, estimated, or charged for an unfinished
/// call). The compatibility composition gives its three parts one planner, so input is counted and prices looked up once.
/// </summary>
internal sealed class CallPlanner
{
    private readonly ConcurrentDictionary<string, PriceEntry> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly ModelCatalog _catalog;
    private readonly string[] _dimensions;
    private readonly BudgetOptions _defaults;
    private PriceEntry? _lastPrice;

    public CallPlanner(PromptLintMeterOptions options, ModelCatalog? catalog, IChatClient innerClient)
    {
        Options = options;
        _catalog = catalog ?? ModelCatalog.Shipped;

        // The inner client knows its model and provider (GetChatClient("gpt-4o-mini").AsIChatClient()).
        var metadata = innerClient.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        DefaultModel = options.DefaultModel ?? metadata?.DefaultModelId ?? TokenizerRegistry.DefaultModel;
        Endpoint = new Endpoint(metadata?.ProviderName ?? options.ProviderName, metadata?.ProviderUri);
        _dimensions = options.Dimensions.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        _defaults = new BudgetOptions { MaxInputTokens = options.MaxInputTokens, MaxOutputTokens = options.MaxOutputTokens, TokenQuota = options.TenantTokenQuota, CostQuotaUsd = options.TenantCostQuotaUsd };
        HasBudgets = options.MaxInputTokens is not null || options.MaxOutputTokens is not null || HasScopedBudgets;
        HasQuotas = options.TenantTokenQuota is not null || options.TenantCostQuotaUsd is not null
            || options.TenantRequestsPerMinute is not null || options.TenantTokensPerMinute is not null || HasScopedBudgets;
    }

    public PromptLintMeterOptions Options { get; }

    public string DefaultModel { get; }

    public Endpoint Endpoint { get; }

    public InputCounter Counter { get; } = new();

    /// <summary>An input limit or output cap is set somewhere (the budgets part has work to do).</summary>
    public bool HasBudgets { get; }

    /// <summary>A quota or rate limit is set somewhere (the quotas part has work to do).</summary>
    public bool HasQuotas { get; }

    private bool HasScopedBudgets => Options.PromptBudgets.Count > 0 || Options.RouteBudgets.Count > 0 || Options.TenantBudgets.Count > 0;

    public string ModelOf(ChatOptions? options) => options?.ModelId ?? DefaultModel;

    // The call's budgets: the prompt's, else the route's, else the tenant's, else the defaults, field by field.
    public BudgetOptions Budget(Attribution attribution)
    {
        if (!HasScopedBudgets)
        {
            return _defaults;
        }

        var prompt = Find(Options.PromptBudgets, attribution.PromptId);
        var route = Find(Options.RouteBudgets, attribution.Route);
        var tenant = Find(Options.TenantBudgets, attribution.Tenant);
        return new BudgetOptions
        {
            MaxInputTokens = prompt?.MaxInputTokens ?? route?.MaxInputTokens ?? tenant?.MaxInputTokens ?? Options.MaxInputTokens,
            MaxOutputTokens = prompt?.MaxOutputTokens ?? route?.MaxOutputTokens ?? tenant?.MaxOutputTokens ?? Options.MaxOutputTokens,
            TokenQuota = prompt?.TokenQuota ?? route?.TokenQuota ?? tenant?.TokenQuota ?? Options.TenantTokenQuota,
            CostQuotaUsd = prompt?.CostQuotaUsd ?? route?.CostQuotaUsd ?? tenant?.CostQuotaUsd ?? Options.TenantCostQuotaUsd,
        };

        static BudgetOptions? Find(IDictionary<string, BudgetOptions> budgets, string? key)
            => key is not null && budgets.TryGetValue(key, out var budget) ? budget : null;
    }

    // Prompt id, route and tenant from the call's options, else from the scope; the options are read in one pass.
    public Attribution Attribute(ChatOptions? options)
    {
        string? promptId = null, route = null, tenant = null;
        if (options?.AdditionalProperties is { Count: > 0 } properties)
        {
            if (properties.Count <= 8)
            {
                foreach (var pair in properties)
                {
                    // The three keys differ in length: one comparison per property, as the dictionary compares keys.
                    switch (pair.Key.Length)
                    {
                        case 20 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.PromptIdKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.PromptIdKey, StringComparison.OrdinalIgnoreCase):
                            promptId = pair.Value?.ToString();
                            break;
                        case 16 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.RouteKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.RouteKey, StringComparison.OrdinalIgnoreCase):
                            route = pair.Value?.ToString();
                            break;
                        case 17 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.TenantKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.TenantKey, StringComparison.OrdinalIgnoreCase):
                            tenant = pair.Value?.ToString();
                            break;
                    }
                }
            }
            else
            {
                promptId = Get(properties, PromptLintChatOptionsExtensions.PromptIdKey);
                route = Get(properties, PromptLintChatOptionsExtensions.RouteKey);
                tenant = Get(properties, PromptLintChatOptionsExtensions.TenantKey);
            }
        }

        if ((promptId is null || route is null || tenant is null) && PromptLintScope.Current is { } scope)
        {
            promptId ??= scope.PromptId;
            route ??= scope.Route;
            tenant ??= scope.Tenant;
        }

        return new Attribution(promptId, route, tenant, _dimensions.Length == 0 ? null : CustomDimensions(options));
    }

    // Only the names the options declare become tags: a caller cannot add dimensions the backend did not plan for.
    private IReadOnlyList<KeyValuePair<string, string>>? CustomDimensions(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties)
        {
            return null;
        }

        List<KeyValuePair<string, string>>? found = null;
        foreach (var name in _dimensions)
        {
            if (properties.TryGetValue(PromptLintChatOptionsExtensions.DimensionPrefix + name, out var value) && value?.ToString() is { } text)
            {
                (found ??= new List<KeyValuePair<string, string>>()).Add(new KeyValuePair<string, string>(name, text));
            }
        }

        return found;
    }

    private static string? Get(AdditionalPropertiesDictionary properties, string key)
        => properties.TryGetValue(key, out var value) ? value?.ToString() : null;

    public long OutputCap(string model, ChatOptions? options) => options?.MaxOutputTokens ?? Price(model)?.MaxOutputTokens ?? 4096;

    public ModelInfo? Price(string? model) => model is null ? null : PriceOf(model).Info;

    public PriceEntry PriceOf(string model)
    {
        // Most calls name the model the previous call named.
        var last = _lastPrice;
        if (last is not null && string.Equals(last.Model, model, StringComparison.OrdinalIgnoreCase))
        {
            return last;
        }

        if (!_prices.TryGetValue(model, out var entry))
        {
            // Model ids come from callers and responses: remembered for a few hundred, then forgotten, never without bound.
            if (_prices.Count >= 256)
            {
                _prices.Clear();
            }

            entry = _prices[model] = new PriceEntry(model, FindOverride(model) ?? _catalog.Find(model));
        }

        _lastPrice = entry;
        return entry;
    }

    // PromptLintMeterOptions.Models, matched as the catalog matches (provider prefix dropped, longest id prefix wins).
    private ModelInfo? FindOverride(string model)
    {
        if (Options.Models.Count == 0)
        {
            return null;
        }

        var bare = model.Trim().Substring(model.Trim().LastIndexOf('/') + 1).ToLowerInvariant();
        ModelInfo? best = null;
        foreach (var candidate in Options.Models)
        {
            if (bare.StartsWith(candidate.Id.ToLowerInvariant(), StringComparison.Ordinal) && (best is null || candidate.Id.Length > best.Id.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    // A background response still running (a continuation token and no usage) is charged nothing yet: the poll that
    // finishes it reports the usage of the whole run, so estimating the start as well would count the input twice.
    public Usage? Measured(IList<ChatMessage> messages, ChatOptions? options, string model, ChatResponse response)
        => response.Usage is { } details ? FromDetails(details)
            : response.ContinuationToken is not null ? null
            : Estimate(messages, options, response.Text, model);

    /// <summary>
    /// What a call that failed after it was handed to the provider is charged, by one policy for every path: nothing when
    /// the provider refused it (an HTTP error status) or it failed before anything was sent; otherwise (cancelled, timed
    /// out, connection broken) the input it sent and, as output, the tokens of the text streamed so far, or the output cap
    /// when nothing came back (a non-streaming call is generated in full whether or not anyone waits for it). Estimated.
    /// </summary>
    public Usage? Unfinished(IList<ChatMessage> messages, ChatOptions? options, string model, int? countedInput, Exception error, string? streamed)
    {
        if (streamed is not { Length: > 0 } && !CallFailure.MayHaveBilled(error))
        {
            return null;
        }

        var input = countedInput ?? Counter.Count(messages, options, model);
        var output = streamed is null ? OutputCap(model, options) : Counter.CountText(streamed, model);
        return new Usage(input, output, 0, 0, estimated: true);
    }

    // Cache writes have no field of their own; Anthropic's adapter reports them among AdditionalCounts.
    public static Usage FromDetails(UsageDetails details)
    {
        long cacheWrite = 0;
        if (details.AdditionalCounts is { Count: > 0 } counts)
        {
            foreach (var count in counts)
            {
                if (count.Key.IndexOf("cache_creation", StringComparison.OrdinalIgnoreCase) >= 0 || count.Key.IndexOf("CacheCreation", StringComparison.OrdinalIgnoreCase) >= 0 || count.Key.IndexOf("cache_write", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    cacheWrite += count.Value;
                }
            }
        }

        return new Usage(details.InputTokenCount ?? 0, details.OutputTokenCount ?? 0, details.CachedInputTokenCount ?? 0, details.ReasoningTokenCount ?? 0, estimated: false, cacheWrite: cacheWrite);
    }

    public Usage Estimate(IList<ChatMessage> messages, ChatOptions? options, string output, string model)
        => new(Counter.Count(messages, options, model), Counter.CountText(output, model), 0, 0, estimated: true);
}
