namespace PromptLint.Analyzers.Diagnostics;

/// <summary>
/// Names and values of <c>Diagnostic.Properties</c> the code fixes read, so nothing is recomputed or guessed: the
/// analyzer writes them and the fixes read them through these constants only, never as bare strings.
/// </summary>
public static class FixProperties
{
    /// <summary>The kind a prompt file was read as (<c>PromptFileKind</c> name); on every finding in a prompt file.</summary>
    public const string PromptFileKind = "promptFileKind";

    /// <summary>Tokens per call the rule says its fix saves.</summary>
    public const string TokensSaved = "tokensSaved";

    /// <summary>The encoding the prompt was counted with, on the static-text findings (PL0010–PL0012).</summary>
    public const string Encoding = PromptLint.Core.Engine.PromptRule.EncodingFixData;

    /// <summary>PL0003: how the output cap is added (one of <see cref="CapFixKinds"/>).</summary>
    public const string CapFix = "capFix";

    /// <summary>PL0003: the options property the cap is set on (for example <c>MaxOutputTokens</c>).</summary>
    public const string CapProperty = "capProperty";

    /// <summary>PL0003: the cap the fix writes (<c>promptlint.default_max_output_tokens</c>).</summary>
    public const string DefaultMaxOutputTokens = "defaultMaxOutputTokens";

    /// <summary>PL0004: how the static text is moved first (one of <see cref="CacheFixKinds"/>).</summary>
    public const string CacheFix = "cacheFix";

    /// <summary>PL0010: how many costly characters the whole prompt holds (the fix replaces them only when it sees them all).</summary>
    public const string CostlyCharacters = Core.Rules.CostlyCharacters.CountFixData;

    /// <summary>PL0001/PL0002: what accepting the diagnostic does to the baseline (one of <see cref="BaselineFixKinds"/>).</summary>
    public const string BaselineFix = "baselineFix";

    /// <summary>PL0001/PL0002: the path of the baseline file the fix edits (an additional document of the project).</summary>
    public const string BaselinePath = "baselinePath";

    /// <summary>Values of <see cref="BaselineFix"/>.</summary>
    public static class BaselineFixKinds
    {
        /// <summary>Add the prompt's entry, as measured (PL0002, a new prompt).</summary>
        public const string Add = "Add";

        /// <summary>Replace the prompt's entry with the measurement (PL0001).</summary>
        public const string Update = "Update";

        /// <summary>Remove the entry (PL0002, an entry without a prompt).</summary>
        public const string Remove = "Remove";
    }

    /// <summary>Values of <see cref="CapFix"/>.</summary>
    public static class CapFixKinds
    {
        /// <summary>Add the cap to the prompt file's settings.</summary>
        public const string PromptFile = "PromptFile";

        /// <summary>Pass a new options object with the cap as the call's options argument.</summary>
        public const string AddArgument = "AddArgument";

        /// <summary>Add the cap to the options object's initializer.</summary>
        public const string AddToInitializer = "AddToInitializer";
    }

    /// <summary>Values of <see cref="CacheFix"/>.</summary>
    public static class CacheFixKinds
    {
        /// <summary>Swap the two sides of a <c>"dynamic" + STATIC</c> concatenation.</summary>
        public const string SwapConcatenation = "SwapConcatenation";
    }
}
