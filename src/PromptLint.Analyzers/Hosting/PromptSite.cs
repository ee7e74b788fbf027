using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// A prompt as a front end found it, for <see cref="FootprintSession.AnalyzeTemplate"/>: the template, where each kind
/// of diagnostic about it goes, and the data a code fix needs.
/// </summary>
/// <param name="template">The prompt.</param>
/// <param name="location">Where diagnostics about the prompt go.</param>
/// <param name="file">The declaring file (absolute path), for the report.</param>
/// <param name="modelLocation">Where the template's own model is named, if anywhere.</param>
/// <param name="callLocation">Where the call (or the file's settings) that an output cap belongs to is, when it differs from <paramref name="location"/>.</param>
/// <param name="fixProperties">Data a code fix needs, attached to the call-level diagnostics.</param>
/// <param name="reorderLocation">A <c>"dynamic" + STATIC</c> concatenation PL0004's fix can swap, when the prompt has one.</param>
/// <param name="sentModelLocation">Where the call names <see cref="PromptTemplate.SentModel"/>, when it does.</param>
/// <param name="toolLocation">Where a tool of the prompt is declared, when findings about one tool go there.</param>
/// <param name="textLocation">Where a piece of the prompt's static text is in its source, when the front end can tell: findings about text go there.</param>
internal sealed class PromptSite(
    PromptTemplate template,
    Location location,
    string file,
    Location? modelLocation = null,
    Location? callLocation = null,
    ImmutableDictionary<string, string?>? fixProperties = null,
    Location? reorderLocation = null,
    Location? sentModelLocation = null,
    System.Func<PromptLint.Core.Engine.PromptTextSpan, Location?>? textLocation = null,
    System.Func<ToolDefinition, Location?>? toolLocation = null)
{
    /// <summary>Where a tool of the prompt is declared, when its findings should go there (tool schema files).</summary>
    public System.Func<ToolDefinition, Location?>? ToolLocation { get; } = toolLocation;

    public System.Func<PromptLint.Core.Engine.PromptTextSpan, Location?>? TextLocation { get; } = textLocation;

    public PromptTemplate Template { get; } = template;

    public Location Location { get; } = location;

    public string File { get; } = file;

    public Location? ModelLocation { get; } = modelLocation;

    public Location? CallLocation { get; } = callLocation;

    public ImmutableDictionary<string, string?>? FixProperties { get; } = fixProperties;

    public Location? ReorderLocation { get; } = reorderLocation;

    public Location? SentModelLocation { get; } = sentModelLocation;
}
