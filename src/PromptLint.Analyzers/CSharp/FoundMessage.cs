using Microsoft.CodeAnalysis;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>One message found in code: its role, the expression holding its text, and the operation that sends it.</summary>
internal sealed class FoundMessage
{
    public FoundMessage(PromptRole role, IOperation text, IOperation origin)
    {
        Role = role;
        Text = text;
        Origin = origin;
    }

    public PromptRole Role { get; }

    public IOperation Text { get; }

    public IOperation Origin { get; }

    public int Position => Origin.Syntax.SpanStart;
}
