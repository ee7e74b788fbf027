using System;

namespace PromptLint.Core.Text;

/// <summary>
/// What a stretch of a prompt's text is, besides instruction prose (none of these flags). Flags combine: a JSON block
/// in a fence under an "Output format" heading is <see cref="Code"/> and <see cref="OutputFormat"/>.
/// </summary>
[Flags]
public enum PromptRegionKind
{
    /// <summary>Instruction prose: what content rules judge unless their page says otherwise.</summary>
    Prose = 0,

    /// <summary>Code: a fenced block, its fence lines included.</summary>
    Code = 1,

    /// <summary>A few-shot example or sample: under an example heading, label or tag, until the section ends.</summary>
    Example = 2,

    /// <summary>An output-format specification: what the model must write (under "Output format", "Respond in this JSON format:").</summary>
    OutputFormat = 4,

    /// <summary>Quoted or tabular data: Markdown tables, context and document sections, per-item fields ("- **File**: a.json, b.json").</summary>
    Data = 8,

    /// <summary>Verbatim output shown to the model (a tool's or a terminal's result in a transcript): its spacing is the output's.</summary>
    Verbatim = 16,

    /// <summary>Text that is never sent: front matter at the start of a message.</summary>
    NotSent = 32,

    /// <summary>An inline code span on one line (its backticks included): a word of the sentence it stands in, but code.</summary>
    InlineCode = 64,
}
