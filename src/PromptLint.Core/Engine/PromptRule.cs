using System;
using System.Collections.Generic;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;

namespace PromptLint.Core.Engine;

/// <summary>
/// A rule, registered by existing: each <c>PLxxxx.*.cs</c> file declares one sealed subclass with its catalogue entry,
/// its settings (key, default and parser together), its evaluation and its host hints. <see cref="RuleCatalog"/> finds
/// every subclass in this assembly, so descriptors, option parsing, the result cache, the evaluation order and the docs
/// tables are derived from the list of rules and a new rule touches its own file, its test file and its page.
/// </summary>
public abstract class PromptRule
{
    /// <summary>Fix data: the encoding a code fix counts its rewrite with, so it offers only the saving the rule promised.</summary>
    public const string EncodingFixData = "encoding";

    /// <summary>Its catalogue entry: id, title, category, severity, messages.</summary>
    public abstract RuleInfo Info { get; }

    /// <summary>The <c>promptlint.*</c> keys it reads; <see cref="RuleInfo.Settings"/> lists them too, with keys other parts read.</summary>
    public virtual IReadOnlyList<RuleSetting> Settings => Array.Empty<RuleSetting>();

    /// <summary>True for a rule that judges a measured prompt (<see cref="CostRules"/> runs it); false for one a host reports itself.</summary>
    public virtual bool Evaluates => false;

    /// <summary>Judges one measured prompt and adds its findings to <paramref name="input"/>.</summary>
    internal virtual void Evaluate(RuleInput input)
    {
    }

    /// <summary>
    /// Host hint: what a host's code fix needs besides the finding (the encoding its rewrite counts with, the count of
    /// characters it must see). Called for this rule's findings only; the default adds nothing.
    /// </summary>
    public virtual void AddFixData(RuleFinding finding, PromptTemplate template, PromptMeasurement measurement, IDictionary<string, string?> data)
    {
    }

    /// <summary>Adds <see cref="EncodingFixData"/>: the encoding <paramref name="measurement"/> was counted with.</summary>
    protected static void AddEncoding(PromptMeasurement measurement, IDictionary<string, string?> data)
        => data[EncodingFixData] = PromptLint.Counting.Tokenizers.TokenizerRegistry.Shared.Resolve(measurement.Model).Encoding;
}
