namespace PromptLint.Analyzers.Diagnostics;

/// <summary>Names of <c>Diagnostic.Properties</c> the code fixes read, so nothing is recomputed or guessed.</summary>
public static class FixProperties
{
    /// <summary>The kind a prompt file was read as (<c>PromptFileKind</c> name); on every finding in a prompt file.</summary>
    public const string PromptFileKind = "promptFileKind";

    /// <summary>Tokens per call the rule says its fix saves.</summary>
    public const string TokensSaved = "tokensSaved";

    /// <summary>The encoding the prompt was counted with, on the static-text findings (PL0010–PL0012).</summary>
    public const string Encoding = "encoding";
}
