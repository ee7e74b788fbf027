using System.Collections.Generic;

using PromptLint.Contracts.Rules;

namespace PromptLint.Core.Engine;

/// <summary>What a rule found: the rule's message with its arguments, and which part of the prompt it is about.</summary>
public sealed class RuleFinding
{
    /// <summary>Creates a finding of <paramref name="message"/>, with every one of its arguments named.</summary>
    public RuleFinding(RuleMessage message, RuleTarget target, int? tokensSaved, params (string Name, string Value)[] arguments)
        : this(message, target, tokensSaved, null, arguments)
    {
    }

    /// <summary>Creates a finding of <paramref name="message"/> about the text at <paramref name="evidence"/>.</summary>
    public RuleFinding(RuleMessage message, RuleTarget target, int? tokensSaved, PromptTextSpan? evidence, params (string Name, string Value)[] arguments)
    {
        Template = message;
        Arguments = message.Values(arguments);
        Message = message.Fill(Arguments);
        Target = target;
        TokensSaved = tokensSaved;
        Evidence = evidence;
    }

    /// <summary>
    /// The static text the finding is about (its first instance), when it is about text: hosts report it there rather
    /// than at the prompt's declaration. Indexes, not positions, so a cached finding fits every template of equal content.
    /// </summary>
    public PromptTextSpan? Evidence { get; }

    /// <summary>Index in <see cref="Model.PromptTemplate.Tools"/> of the tool the finding is about, when it is about one tool.</summary>
    public int? Tool { get; private set; }

    /// <summary>This finding, about the tool at <paramref name="index"/> of the template's tools.</summary>
    internal RuleFinding AboutTool(int index)
    {
        Tool = index;
        return this;
    }

    /// <summary>PLxxxx.</summary>
    public string RuleId => Template.RuleId;

    /// <summary>The rule's message this finding fills.</summary>
    public RuleMessage Template { get; }

    /// <summary>The message's argument values, in the order of <see cref="RuleMessage.Arguments"/>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The whole message: what is wrong, with numbers and money, then what to do.</summary>
    public string Message { get; }

    /// <summary>Where the host should put the diagnostic.</summary>
    public RuleTarget Target { get; }

    /// <summary>Tokens a fix would save per call, when that can be said.</summary>
    public int? TokensSaved { get; }
}

/// <summary>Which location of a prompt a finding belongs at.</summary>
public enum RuleTarget
{
    /// <summary>The prompt's declaration.</summary>
    Prompt,
    /// <summary>The call that sends it (or the prompt file's settings), where an output cap goes.</summary>
    Call,
    /// <summary>Where the call names the model it sends the prompt to (falls back to the call).</summary>
    SentModel,
    /// <summary>
    /// The expression whose dynamic part comes before static text, where a host can point at one and offer to reorder
    /// it (a C# concatenation); the prompt's declaration otherwise.
    /// </summary>
    Reorder,
}
