using System.Collections.Generic;

namespace PromptLint.Core.Model;

/// <summary>One message of a prompt: a role and its ordered segments.</summary>
public sealed class PromptMessage
{
    /// <summary>Creates a message.</summary>
    public PromptMessage(PromptRole role, IReadOnlyList<PromptSegment> segments)
    {
        Role = role;
        Segments = segments;
    }

    /// <summary>Role of the message.</summary>
    public PromptRole Role { get; }

    /// <summary>Segments in the order they are sent.</summary>
    public IReadOnlyList<PromptSegment> Segments { get; }
}
