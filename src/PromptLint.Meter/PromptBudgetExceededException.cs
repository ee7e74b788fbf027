using System;

namespace PromptLint.Meter;

/// <summary>Thrown before a call whose input is larger than the configured limit; the call is not sent.</summary>
public sealed class PromptBudgetExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PromptBudgetExceededException(string? promptId, int inputTokens, int limit)
        : base($"Prompt '{promptId ?? "(no prompt id)"}' has {inputTokens:N0} input tokens, over the limit of {limit:N0}. Shorten the input or raise PromptLintMeterOptions.MaxInputTokens.")
    {
        PromptId = promptId;
        InputTokens = inputTokens;
        Limit = limit;
    }

    /// <summary>The prompt id of the call, if attributed.</summary>
    public string? PromptId { get; }

    /// <summary>Input tokens counted.</summary>
    public int InputTokens { get; }

    /// <summary>The limit.</summary>
    public int Limit { get; }
}
