namespace PromptLint.Core.Model;

/// <summary>The role a prompt (or one of its messages) plays in a call.</summary>
public enum PromptRole
{
    /// <summary>System or developer instructions.</summary>
    System,
    /// <summary>User message.</summary>
    User,
    /// <summary>Assistant message (few-shot examples, prefill).</summary>
    Assistant,
    /// <summary>Tool (function-calling) schema definitions.</summary>
    ToolSchema,
}

/// <summary>Text forms of <see cref="PromptRole"/> used in reports and baselines.</summary>
public static class PromptRoles
{
    /// <summary>The lower-case name written to report.json.</summary>
    public static string ToName(this PromptRole role) => role switch
    {
        PromptRole.System => "system",
        PromptRole.User => "user",
        PromptRole.Assistant => "assistant",
        _ => "tool",
    };

    /// <summary>Parses a role name as prompt files spell it (system, developer, user, assistant, tool, function).</summary>
    public static PromptRole? Parse(string? name)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "system":
            case "developer":
                return PromptRole.System;
            case "user":
            case "human":
                return PromptRole.User;
            case "assistant":
            case "model":
                return PromptRole.Assistant;
            case "tool":
            case "function":
                return PromptRole.ToolSchema;
            default:
                return null;
        }
    }
}
