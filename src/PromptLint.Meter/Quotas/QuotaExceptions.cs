using System;

namespace PromptLint.Meter.Quotas;

/// <summary>Thrown before a call that would take a tenant past its quota; the call is not sent.</summary>
public sealed class QuotaExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public QuotaExceededException(string tenant, long limit, long used, long requested, DateTimeOffset resetsAt, string unit = "tokens")
        : base(unit == "USD"
            ? $"Tenant '{tenant}' has used ${used / 1_000_000m:0.######} of its ${limit / 1_000_000m:0.######} quota; this call may cost up to ${requested / 1_000_000m:0.######}. The quota resets at {resetsAt:u}."
            : $"Tenant '{tenant}' has used {used:N0} of its {limit:N0}-token quota; this call needs up to {requested:N0}. The quota resets at {resetsAt:u}.")
    {
        Unit = unit;
        Tenant = tenant;
        Limit = limit;
        Used = used;
        Requested = requested;
        ResetsAt = resetsAt;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>"tokens", or "USD" for a cost quota (amounts are then millionths of a dollar).</summary>
    public string Unit { get; }

    /// <summary>The quota per window.</summary>
    public long Limit { get; }

    /// <summary>Used in the current window.</summary>
    public long Used { get; }

    /// <summary>The call's worst case (input plus output cap).</summary>
    public long Requested { get; }

    /// <summary>When the window ends.</summary>
    public DateTimeOffset ResetsAt { get; }
}

/// <summary>Thrown before a call over a tenant's rate limit (requests or tokens per minute); the call is not sent.</summary>
public sealed class RateLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RateLimitExceededException(string tenant, TimeSpan? retryAfter)
        : base($"Tenant '{tenant}' is over its rate limit." + (retryAfter is { } wait ? $" Retry after {wait.TotalSeconds:0} s." : string.Empty))
    {
        Tenant = tenant;
        RetryAfter = retryAfter;
    }

    /// <summary>The tenant.</summary>
    public string Tenant { get; }

    /// <summary>When to retry, when the limiter says.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>Thrown, in <see cref="QuotaStoreFailureMode.FailClosed"/>, when the quota store cannot be reached.</summary>
public sealed class QuotaStoreUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public QuotaStoreUnavailableException(Exception inner)
        : base("The quota store cannot be reached and the meter is set to fail closed; the call was not sent.", inner)
    {
    }
}
