namespace PromptLint.Contracts.Reporting;

/// <summary>One prompt in <c>report.json</c>.</summary>
public sealed class ReportPrompt
{
    /// <summary>Prompt id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>File relative to the project, <c>/</c> separators.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>1-based line of the declaration.</summary>
    public int Line { get; set; }

    /// <summary>system, user, assistant or tool.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>Model measured for.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Encoding or estimate label.</summary>
    public string Tokenizer { get; set; } = string.Empty;

    /// <summary>True when counted with the model's own tokenizer.</summary>
    public bool Exact { get; set; }

    /// <summary>Static tokens (tool schemas included).</summary>
    public int StaticTokens { get; set; }

    /// <summary>Cacheable static prefix tokens.</summary>
    public int StaticPrefixTokens { get; set; }

    /// <summary>Dynamic holes.</summary>
    public int Holes { get; set; }

    /// <summary>Tool schema tokens.</summary>
    public int ToolSchemaTokens { get; set; }

    /// <summary>Declared output cap, null when unknown.</summary>
    public int? OutputCap { get; set; }

    /// <summary>Accepted static tokens, null when the prompt is not in the baseline.</summary>
    public int? BaselineStaticTokens { get; set; }

    /// <summary>Static tokens minus accepted ones, null when not in the baseline.</summary>
    public int? Delta { get; set; }

    /// <summary>
    /// True when the template has conditional alternatives (<c>{{#if}}…{{else}}</c>, <c>{% if %}…{% else %}</c>) and
    /// <see cref="StaticTokens"/> counts the largest alternative of each, not their sum. Written only when true.
    /// </summary>
    public bool LargestBranch { get; set; }

    /// <summary>
    /// True when <see cref="Model"/> is the project's default, assumed because the code names the model in a way that
    /// cannot be read before run time (<c>new ChatClient(configuration["OpenAI:Model"], key)</c>). Written only when true.
    /// </summary>
    public bool ModelAssumed { get; set; }

    /// <summary>Hash of the template (written to the baseline, not to the report).</summary>
    public string ContentHash { get; set; } = string.Empty;
}
