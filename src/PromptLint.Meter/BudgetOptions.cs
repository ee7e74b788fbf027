namespace PromptLint.Meter;

/// <summary>
/// Limits for one prompt id, route or tenant, over the meter's defaults. For a call, the prompt's budget wins, then
/// the route's, then the tenant's, then the defaults — field by field.
/// </summary>
public sealed class BudgetOptions
{
    /// <summary>Input tokens a call may send.</summary>
    public int? MaxInputTokens { get; set; }

    /// <summary>Output cap set on calls without one, and clamped down to.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Tokens per quota window for the tenant.</summary>
    public long? TokenQuota { get; set; }

    /// <summary>List-price USD per quota window for the tenant.</summary>
    public decimal? CostQuotaUsd { get; set; }
}
