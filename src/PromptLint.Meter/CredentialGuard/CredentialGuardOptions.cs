namespace PromptLint.Meter;

/// <summary>What <see cref="CredentialGuardChatClient"/> does with a call whose input carries a credential.</summary>
public enum CredentialGuardMode
{
    /// <summary>Nothing: the call passes unchanged and nothing is counted (the default).</summary>
    Off,

    /// <summary>Each credential in the messages and instructions is replaced by <c>[REDACTED kind]</c> before the call is sent.</summary>
    Redact,

    /// <summary>The call is not sent: <see cref="CredentialInPromptException"/> is thrown, naming the kinds found.</summary>
    Refuse,
}

/// <summary>Options of <see cref="CredentialGuardChatClient"/>.</summary>
public sealed class CredentialGuardOptions
{
    /// <summary>What to do when a credential is found; <see cref="CredentialGuardMode.Off"/> unless set.</summary>
    public CredentialGuardMode Mode { get; set; } = CredentialGuardMode.Off;

    /// <summary>The meter of the <c>promptlint.credential_guard.calls</c> counter; PromptLint's meter by default.</summary>
    public string MeterName { get; set; } = PromptLintMetrics.DefaultMeterName;
}
