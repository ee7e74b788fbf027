using System;

namespace PromptLint.Meter;

/// <summary>A tenant's usage and quotas in the current quota window (<see cref="PromptLintChatClient.GetUsageAsync"/>).</summary>
public sealed class TenantUsage
{
    /// <summary>Creates the reading.</summary>
    public TenantUsage(string tenant, long tokensUsed, long? tokenQuota, decimal costUsedUsd, decimal? costQuotaUsd, DateTimeOffset windowStart, DateTimeOffset resetsAt)
    {
        Tenant = tenant;
        TokensUsed = tokensUsed;
        TokenQuota = tokenQuota;
        CostUsedUsd = costUsedUsd;
        CostQuotaUsd = costQuotaUsd;
        WindowStart = windowStart;
        ResetsAt = resetsAt;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>Tokens used (and reserved by calls in flight) in the window.</summary>
    public long TokensUsed { get; }

    /// <summary>The token quota, or null when none applies.</summary>
    public long? TokenQuota { get; }

    /// <summary>Tokens left in the window (never negative), or null without a token quota.</summary>
    public long? TokensRemaining => TokenQuota is { } quota ? Math.Max(0, quota - TokensUsed) : null;

    /// <summary>List-price USD used (and reserved by calls in flight) in the window.</summary>
    public decimal CostUsedUsd { get; }

    /// <summary>The cost quota in USD, or null when none applies.</summary>
    public decimal? CostQuotaUsd { get; }

    /// <summary>USD left in the window (never negative), or null without a cost quota.</summary>
    public decimal? CostRemainingUsd => CostQuotaUsd is { } quota ? Math.Max(0, quota - CostUsedUsd) : null;

    /// <summary>When the window started.</summary>
    public DateTimeOffset WindowStart { get; }

    /// <summary>When the window ends and usage starts again from zero.</summary>
    public DateTimeOffset ResetsAt { get; }
}
