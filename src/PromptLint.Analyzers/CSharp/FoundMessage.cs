using Microsoft.CodeAnalysis;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>One message found in code: its role, the expression holding its text, and the operation that sends it.</summary>
internal sealed class FoundMessage
{
    public FoundMessage(PromptRole role, IOperation text, IOperation origin, TemplateFlavor? flavor = null)
    {
        Role = role;
        Text = text;
        Origin = origin;
        Flavor = flavor;
    }

    public PromptRole Role { get; }

    public IOperation Text { get; }

    public IOperation Origin { get; }

    public int Position => Origin.Syntax.SpanStart;

    /// <summary>
    /// The template syntax of this message's text when it differs from the rest of its prompt's (a Semantic Kernel
    /// agent's instructions, sent first in a run whose other messages are taken as written); null to use the prompt's.
    /// </summary>
    public TemplateFlavor? Flavor { get; }
}
