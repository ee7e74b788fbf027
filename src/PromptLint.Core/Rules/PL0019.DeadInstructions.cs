using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0019: an instruction in a prompt's static text that a later sentence directly contradicts ("Always use bullet
/// points" … "Never use bullet points"). The model cannot follow both; the earlier one is billed on every call for
/// nothing, or worse, wins where the author meant the later. Only contradictions: an exact restatement is PL0015's when
/// it is large enough to matter, and too cheap to report below that. Message only: which one is meant is the author's call.
/// </summary>
public sealed partial class DeadInstructions : PromptRule
{
    /// <summary><c>promptlint.dead_instruction_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.dead_instruction_min_tokens", 1, "tokens a contradicted instruction must have");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.DeadInstructions,
        "Instruction contradicted later in the prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "An instruction followed later in the same prompt by its direct negation ('Always use bullet points' … 'Never use bullet points') cannot be followed; the earlier one is billed on every call for nothing.",
        new[] { MinTokens.Key },
        ("one", "Prompt '{prompt}' says \"{earlier}\" and later \"{later}\"; the model cannot follow both, and the first costs {tokens} per call{money}. Keep the one you mean."),
        ("several", "Prompt '{prompt}' says \"{earlier}\" and later \"{later}\", and {more} contradicted later; the model cannot follow both, and the earlier ones cost {tokens} per call{money}. Keep the one you mean."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    private const int QuoteLength = 60;

    // Sentences that state a condition or an exception are not plain contradictions ("Never use bullet points when
    // quoting code" does not contradict "Always use bullet points"), and questions are not instructions.
    private static readonly Regex Conditional = new(@"\b(?:if|when|whenever|unless|except|otherwise)\b", RegexOptions.CultureInvariant);

    // A list heading or lead-in that turns its items into things not to do ("Don'ts:", "Avoid:", "Bad example:").
    private static readonly Regex NegativeLead = new(@"\b(?:not|never|no|don'?t|don'?ts|avoid|bad|wrong|incorrect|forbidden|prohibited)\b", RegexOptions.CultureInvariant);

    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Negation = new(@"\bnever\b|\bnot\b|n['’]t\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Longest first: "must never" before "must", "do not" before "do".
    private static readonly string[] Negative = { "must never ", "must not ", "should never ", "should not ", "do not ", "never " };
    private static readonly string[] Positive = { "must always ", "should always ", "always ", "must ", "should " };

    /// <summary>
    /// An imperative sentence's polarity and what it asks for: "Never use X" and "Don't use X" are (false, "use x"); "Always
    /// use X", "You must use X" and "Use X" are (true, "use x"). Null for a sentence this rule does not compare: a question,
    /// a condition or exception, or fewer than 2 words left.
    /// </summary>
    public static (bool Positive, string Action)? Parse(string sentence)
    {
        var s = Whitespace.Replace(sentence.Replace('’', '\''), " ").Trim().ToLowerInvariant();
        if (s.EndsWith("?", StringComparison.Ordinal) || Conditional.IsMatch(s))
        {
            return null;
        }

        // A lead-in ("Don't focus on:") asks nothing by itself: what it is about is the list after it, so it cannot be
        // compared with "Focus on unit economics" (the list names vanity metrics).
        if (s.EndsWith(":", StringComparison.Ordinal))
        {
            return null;
        }

        s = WithoutTrailingPunctuation(s);
        s = " " + s;
        s = s.Replace(" don't ", " do not ").Replace(" mustn't ", " must not ").Replace(" shouldn't ", " should not ").Trim() + " ";
        s = Strip(s, "please ");
        s = Strip(s, "you ");

        bool positive;
        var prefix = Negative.FirstOrDefault(p => s.StartsWith(p, StringComparison.Ordinal));
        if (prefix is not null)
        {
            positive = false;
        }
        else
        {
            positive = true;
            prefix = Positive.FirstOrDefault(p => s.StartsWith(p, StringComparison.Ordinal)) ?? string.Empty;
        }

        var action = Strip(s.Substring(prefix.Length), "please ").Trim();
        if (action.StartsWith("not ", StringComparison.Ordinal) || action.Split(' ').Length < 2)
        {
            return null;
        }

        return (positive, action);
    }

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        // Every contradiction has a negative side or a number: without either anywhere, no sentence needs parsing.
        if (!template.Messages.SelectMany(x => x.Segments).Any(s => !s.IsHole && (Negation.IsMatch(s.Text) || Number.IsMatch(s.Text))))
        {
            return;
        }

        // A sentence's ';'-separated clauses are instructions of their own ("Never use bullet points; write one paragraph").
        var clauses = StaticTextUnits.Of(template)
            .Where(u => u.Level == UnitLevel.Sentence)
            .OrderBy(u => u.Message).ThenBy(u => u.Start)
            .SelectMany(u => u.Text.Split(';').Select(c => (Unit: u, Text: c.Trim())))
            .Select(x => (x.Unit, x.Text, Parsed: Parse(x.Text)))
            .Where(x => x.Parsed is not null && !(x.Parsed.Value.Positive && IsBareItemOfNegativeList(x.Unit)))
            .Select(x => (x.Unit, x.Text, Positive: x.Parsed!.Value.Positive, Actions: Actions(x.Parsed.Value)))
            .ToList();

        var encoding = registry.Resolve(m.Model).Encoding;
        var dead = new List<(string Earlier, string Later, int Tokens, StaticTextUnit Unit)>();

        // Each instruction is looked up in an index of the others by its action (and by its action with the numbers taken
        // out), so a prompt of n instructions costs about n look-ups, not n² comparisons: a 100k-token agent prompt has
        // thousands of "Always …"/"Never …" lines.
        var index = new InstructionIndex(clauses.Select(c => new InstructionIndex.Entry(c.Positive, c.Actions, HasDigit(c.Text) && IsAmountInstruction(c.Text))).ToList());
        for (var i = 0; i < clauses.Count; i++)
        {
            var earlier = clauses[i];
            // Instructions in two alternatives of a conditional are never sent together, so they cannot contradict; nor do
            // two said under different explicit conditions ("- If X, … Do not A." and "- If Y, … A.").
            var found = index.FirstLater(i, (j, amount) =>
            {
                var l = clauses[j];
                return (amount ? OtherAmounts(l, earlier) : Overrides(l.Actions, earlier.Actions))
                    && Evidence.SentTogether(template, earlier.Unit, l.Unit)
                    && GoverningCondition.Of(template, earlier.Unit) == GoverningCondition.Of(template, l.Unit);
            });
            if (found < 0)
            {
                continue;
            }

            var later = clauses[found];
            var tokens = registry.Count(encoding, earlier.Text);
            if (tokens >= settings.Get(MinTokens))
            {
                dead.Add((earlier.Text, later.Text, tokens, earlier.Unit));
            }
        }

        ComparisonsMade.Value?.Invoke(index.Comparisons);

        if (dead.Count == 0)
        {
            return;
        }

        var saved = dead.Sum(d => d.Tokens);
        var at = Evidence.Of(template, dead[0].Unit);
        if (dead.Count == 1)
        {
            Report(findings, Rule.MessageNamed("one"), saved, at, ("prompt", m.Id), ("earlier", Quote(dead[0].Earlier)), ("later", Quote(dead[0].Later)), ("tokens", Count(saved, "token")), ("money", Money(saved, model)));
        }
        else
        {
            var more = Count(dead.Count - 1, "more instruction") + (dead.Count == 2 ? " is" : " are");
            Report(findings, Rule.MessageNamed("several"), saved, at, ("prompt", m.Id), ("earlier", Quote(dead[0].Earlier)), ("later", Quote(dead[0].Later)), ("more", more), ("tokens", Count(saved, "token")), ("money", Money(saved, model)));
        }
    }

    // The later instruction overrides the earlier one when it asks the opposite of the same action, or of a more general
    // one: "Never use bullet points" after "Always use bullet points for the features". A more specific later one
    // ("Always use bullet points" … "Never use bullet points in code blocks") is an exception, not a contradiction.
    private static bool Overrides(HashSet<string> later, HashSet<string> earlier)
        => later.Overlaps(earlier) || later.Any(l => earlier.Any(e => e.StartsWith(l + " ", StringComparison.Ordinal)));

    // The same instruction with other numbers: "Write between 800 and 1000 words" … "Write between 800 and 1200 words".
    // Only instructions about an amount count: an imperative ("Write", "Keep", "Return", or "must"/"never"/"do not" before
    // the verb) whose number measures something ("200 words", "at most 5", "under 3 paragraphs"). A number that labels an
    // item ("Step 1:", "Example Task #2"), headings, table rows, data and example lines ("Month Year 81", "transition:
    // color 0.25s") and the items of two different lists ("Tier 1:" … "Tier 2:") are not such instructions: on real prompt
    // files they were all that this comparison found.
    // Both are amount instructions (IsAmountInstruction): the index offers no other candidates, so it is not tested again
    // for every pair.
    private static bool OtherAmounts((StaticTextUnit Unit, string Text, bool Positive, HashSet<string> Actions) later, (StaticTextUnit Unit, string Text, bool Positive, HashSet<string> Actions) earlier)
        => !(later.Unit.Lead is not null && earlier.Unit.Lead is not null && !string.Equals(later.Unit.Lead, earlier.Unit.Lead, StringComparison.Ordinal))
            && later.Actions.Any(l => earlier.Actions.Any(e => !string.Equals(l, e, StringComparison.Ordinal)
                && string.Equals(Number.Replace(l, "#"), Number.Replace(e, "#"), StringComparison.Ordinal)));

    // An amount needs a digit; most instructions have none, and the amount expression is the costly test.
    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                return true;
            }
        }

        return false;
    }

    // The tests are independent; the cheap ones go first. The amount expression is the costly one: tried on every line
    // of a 10,000-line JSON value that reached the prose (issue 30, sk-yaml #702), it was most of this rule's time, and
    // no such line starts with an instruction verb.
    private static bool IsAmountInstruction(string clause)
    {
        var text = clause.TrimStart('-', '*', '+', ' ', '\t');
        if (text.StartsWith("#", StringComparison.Ordinal) || text.IndexOf('|') >= 0 || text.IndexOf('$') >= 0)
        {
            return false;
        }

        var s = " " + Whitespace.Replace(text.Replace('’', '\''), " ").Trim().ToLowerInvariant() + " ";
        s = s.Replace(" don't ", " do not ").Trim() + " ";
        s = Strip(Strip(s, "please "), "you ");
        if (Negative.Concat(Positive).FirstOrDefault(p => s.StartsWith(p, StringComparison.Ordinal)) is { } modal)
        {
            s = s.Substring(modal.Length);
        }

        var verb = s.Split(' ')[0];
        if (!InstructionVerbs.Contains(verb))
        {
            return false;
        }

        AmountTests.Value?.Invoke();
        return Amount.IsMatch(text) && !Label.IsMatch(text.ToLowerInvariant());
    }

    /// <summary>For tests: called each time the amount expression is tried on a clause (work, not time).</summary>
    internal static readonly System.Threading.AsyncLocal<Action?> AmountTests = new();

    // What an amount instruction starts with, after "must", "never", "do not" and the like.
    private static readonly HashSet<string> InstructionVerbs = new(StringComparer.Ordinal)
    {
        "add", "allow", "answer", "ask", "cap", "choose", "cite", "create", "exceed", "generate", "give", "include", "keep", "limit",
        "list", "make", "mention", "offer", "output", "pick", "produce", "propose", "provide", "recommend", "reply", "respond",
        "restrict", "retry", "return", "select", "show", "spend", "stay", "suggest", "summarize", "summarise", "take", "use", "wait", "write",
    };

    // A number that measures: followed by a unit of output or time, or after a bound ("at most 5", "up to 3", "between 2").
    private static readonly Regex Amount = new(
        // A number is tried from its first digit only, and taken whole (atomic): tried from every digit of a long run of
        // digits, with backtracking, the expression was quadratic in the run's length (a fuzzed 1.4 KB file took 1.2 s).
        @"(?<![\d.,])(?>\d+(?:[.,]\d+)*)\s*(?:%|percent|words?|sentences?|characters?|chars?|tokens?|paragraphs?|items?|bullets?|bullet points?|lines?|points?|examples?|questions?|options?|suggestions?|results?|steps?|sections?|emojis?|minutes?|seconds?|hours?|days?|attempts?|retries|times|tries)\b"
        + @"|\b(?:at most|at least|up to|no more than|no fewer than|not more than|fewer than|less than|more than|under|over|between|maximum(?: of)?|minimum(?: of)?|max|min|exactly|limit(?: of)?)\s+\d",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Number = new(@"\d+(?:[.,]\d+)*", RegexOptions.CultureInvariant);

    private static readonly Regex Label = new(@"\d\s*[:)]|#\s*\d|\b(?:step|example|rule|item|part|section|chapter|phase|stage|option|case|question|scenario|task|round|turn|level|tier|priority|version|page|line|figure|table|appendix)\s+\d", RegexOptions.CultureInvariant);

    // "Use X" reads as "Do X" too, so a bare positive also matches "Do not do X" and an emphatic "Do use X" matches "Do not use X".
    private static HashSet<string> Actions((bool Positive, string Action) parsed)
    {
        var actions = new HashSet<string>(StringComparer.Ordinal) { parsed.Action };
        if (parsed.Positive && parsed.Action.StartsWith("do ", StringComparison.Ordinal) && parsed.Action.Split(' ').Length > 2)
        {
            actions.Add(parsed.Action.Substring(3));
        }

        return actions;
    }

    // "Don'ts:\n- Use emojis" lists what not to do without saying "not" in the item.
    private static bool IsBareItemOfNegativeList(StaticTextUnit unit)
        => unit.IsListItem && unit.Lead is { } lead && NegativeLead.IsMatch(lead.Replace('’', '\'').ToLowerInvariant())
            && !Positive.Any(p => unit.Text.StartsWith(p.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Strip(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : text;

    // Closing whitespace and punctuation off, from the end backwards: a regular expression ending in "+$" tried every
    // start in a long run of dots and was quadratic.
    private static string WithoutTrailingPunctuation(string text)
    {
        var end = text.Length;
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '.' or '!' or ';' or ':' or ',' or '"' or '\'' or '”' or '’' or ')' or ']'))
        {
            end--;
        }

        return text.Substring(0, end);
    }

    // As written, whitespace collapsed, without the closing punctuation; an ellipsis when cut.
    private static string Quote(string text)
    {
        var collapsed = WithoutTrailingPunctuation(StaticTextUnits.Collapse(text));
        return collapsed.Length <= QuoteLength ? collapsed : collapsed.Substring(0, QuoteLength).TrimEnd() + "…";
    }
}
