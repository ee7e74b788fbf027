using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;
using System.Threading.RateLimiting;

namespace PromptLint.Meter;

/// <summary>Attribution (prompt id, route, tenant, custom dimensions) and the budgets that apply to a call.</summary>
public sealed partial class PromptLintChatClient
{
    // The call's budgets: the prompt's, else the route's, else the tenant's, else the defaults, field by field.
    private BudgetOptions Budget(Attribution attribution)
    {
        if (_options.PromptBudgets.Count == 0 && _options.RouteBudgets.Count == 0 && _options.TenantBudgets.Count == 0)
        {
            return _defaults;
        }

        BudgetOptions? Find(IDictionary<string, BudgetOptions> budgets, string? key)
            => key is not null && budgets.TryGetValue(key, out var budget) ? budget : null;

        var scoped = new[] { Find(_options.PromptBudgets, attribution.PromptId), Find(_options.RouteBudgets, attribution.Route), Find(_options.TenantBudgets, attribution.Tenant) };
        return new BudgetOptions
        {
            MaxInputTokens = scoped.Select(b => b?.MaxInputTokens).FirstOrDefault(v => v is not null) ?? _options.MaxInputTokens,
            MaxOutputTokens = scoped.Select(b => b?.MaxOutputTokens).FirstOrDefault(v => v is not null) ?? _options.MaxOutputTokens,
            TokenQuota = scoped.Select(b => b?.TokenQuota).FirstOrDefault(v => v is not null) ?? _options.TenantTokenQuota,
            CostQuotaUsd = scoped.Select(b => b?.CostQuotaUsd).FirstOrDefault(v => v is not null) ?? _options.TenantCostQuotaUsd,
        };
    }

    // Input tokens are counted only when a limit, quota or rate limit needs them (counting costs a tokenizer pass).
    private Call Prepare(IList<ChatMessage> messages, ChatOptions? options)
    {
        var attribution = Attribute(options);
        var model = options?.ModelId ?? _defaultModel;
        if (!_limits)
        {
            return new Call(attribution, model, options, messages, 0, null);
        }

        var budget = Budget(attribution);

        // Input is counted only when a limit, quota or rate limit needs it (counting costs a tokenizer pass).
        var reserve = attribution.Tenant is not null
            && (_options.TenantRequestsPerMinute is not null || _options.TenantTokensPerMinute is not null || budget.TokenQuota is not null || budget.CostQuotaUsd is not null);
        var input = budget.MaxInputTokens is not null || reserve ? _counter.Count(messages, options, model) : 0;
        if (budget.MaxInputTokens is { } limit && input > limit)
        {
            if (_options.TrimInput is { } trim)
            {
                messages = trim(messages, limit);
                input = _counter.Count(messages, options, model);
            }

            if (input > limit)
            {
                _metrics.RecordRejection(attribution, model, "input_budget");
                throw new PromptBudgetExceededException(attribution.PromptId, input, limit);
            }
        }

        if (budget.MaxOutputTokens is { } cap && (options?.MaxOutputTokens is null || options.MaxOutputTokens > cap))
        {
            // The caller's options are theirs: the cap goes on a copy.
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = cap;
        }

        return new Call(attribution, model, options, messages, input, reserve ? budget : null);
    }

    // Prompt id, route and tenant from the call's options, else from the scope; the options are read in one pass.
    private Attribution Attribute(ChatOptions? options)
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
                promptId = Get(options, PromptLintChatOptionsExtensions.PromptIdKey);
                route = Get(options, PromptLintChatOptionsExtensions.RouteKey);
                tenant = Get(options, PromptLintChatOptionsExtensions.TenantKey);
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

    private readonly struct Call
    {
        public Call(Attribution attribution, string model, ChatOptions? options, IList<ChatMessage> messages, int input, BudgetOptions? reserve)
        {
            Attribution = attribution;
            Model = model;
            Options = options;
            Messages = messages;
            Input = input;
            Reserve = reserve;
        }

        public Attribution Attribution { get; }

        public string Model { get; }

        public ChatOptions? Options { get; }

        public IList<ChatMessage> Messages { get; }

        public int Input { get; }

        public BudgetOptions? Reserve { get; }
    }

    // Only the names the options declare become tags: a caller cannot add dimensions the backend did not plan for.
    private IReadOnlyList<KeyValuePair<string, string>>? CustomDimensions(ChatOptions? options)
    {
        if (_dimensions.Length == 0 || options?.AdditionalProperties is not { } properties)
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

    private static string? Get(ChatOptions? options, string key)
        => options?.AdditionalProperties is { } properties && properties.TryGetValue(key, out var value) ? value?.ToString() : null;
}
