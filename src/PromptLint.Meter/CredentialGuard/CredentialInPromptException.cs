using System;
using System.Collections.Generic;

namespace PromptLint.Meter;

/// <summary>
/// A call refused by <see cref="CredentialGuardChatClient"/> because its input carries a credential. The message names
/// the kinds found, never a value.
/// </summary>
public sealed class CredentialInPromptException : InvalidOperationException
{
    /// <summary>Creates the exception for the credential kinds found.</summary>
    public CredentialInPromptException(IReadOnlyList<string> kinds)
        : base($"The call was not sent: its input holds {(kinds.Count == 1 ? "a credential" : kinds.Count + " credentials")} ({string.Join(", ", kinds)}). Remove the credential from the prompt, revoke it, and give the code that needs it the secret from configuration.")
    {
        Kinds = kinds;
    }

    /// <summary>The kinds of credential found, in the order they appear.</summary>
    public IReadOnlyList<string> Kinds { get; }
}
