using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>A prompt found in code, before it gets its id: its messages in send order and what its call says.</summary>
internal sealed class FoundPrompt
{
    public FoundPrompt(IOperation anchor) => Anchor = anchor;

    public List<FoundMessage> Messages { get; } = new();

    /// <summary>
    /// Where more of this prompt's messages are collected (a list the request is given: <c>Messages = messages</c>):
    /// the collector appends what it filed under these keys, in source order.
    /// </summary>
    public List<object> ContainerKeys { get; } = new();

    public CallOptions Options { get; } = new();

    /// <summary>The operation the prompt is found at: the send call, the template's creation, the first message.</summary>
    public IOperation Anchor { get; }

    /// <summary>The template syntax of the text, when holes are spelled inside it ({{$name}}).</summary>
    public TemplateFlavor? Flavor { get; set; }

    /// <summary>Whether the call visibly caps its output.</summary>
    public OutputCapStatus CapStatus { get; set; } = OutputCapStatus.Unknown;

    /// <summary>How the cap is spelled for this SDK.</summary>
    public string? CapSetting { get; set; }

    /// <summary>
    /// What the output-cap code fix can do here, when it can do anything: its kind (one of
    /// <see cref="Diagnostics.FixProperties.CapFixKinds"/>), where it applies (the options creation, or the call) and
    /// the property it sets (see <see cref="OutputCapPlanner"/>).
    /// </summary>
    public (string Kind, IOperation Target, string Property)? Fix { get; set; }

    /// <summary>A prompt of one message, complete where it is written (a template, an agent's instructions).</summary>
    public static FoundPrompt Single(IOperation anchor, PromptRole role, IOperation text, TemplateFlavor flavor)
    {
        var prompt = new FoundPrompt(anchor) { Flavor = flavor };
        prompt.Messages.Add(new FoundMessage(role, text, anchor));
        return prompt;
    }
}
