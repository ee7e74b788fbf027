namespace PromptLint.Core.Measuring;

/// <summary>The numbers PromptLint knows about one prompt.</summary>
public sealed class PromptMeasurement
{
    /// <summary>Creates a measurement.</summary>
    public PromptMeasurement(
        string id,
        string model,
        string tokenizer,
        bool exact,
        int staticTokens,
        int staticPrefixTokens,
        int holes,
        int toolSchemaTokens,
        int? outputCap,
        string contentHash,
        bool largestBranch = false,
        bool modelAssumed = false)
    {
        LargestBranch = largestBranch;
        ModelAssumed = modelAssumed;
        Id = id;
        Model = model;
        Tokenizer = tokenizer;
        Exact = exact;
        StaticTokens = staticTokens;
        StaticPrefixTokens = staticPrefixTokens;
        Holes = holes;
        ToolSchemaTokens = toolSchemaTokens;
        OutputCap = outputCap;
        ContentHash = contentHash;
    }

    /// <summary>Prompt id.</summary>
    public string Id { get; }

    /// <summary>Model the prompt was measured for.</summary>
    public string Model { get; }

    /// <summary>Encoding name, or the estimate label when the count is not exact.</summary>
    public string Tokenizer { get; }

    /// <summary>True when counted with the model's own tokenizer.</summary>
    public bool Exact { get; }

    /// <summary>Tokens sent on every call: all static text, tool schemas included.</summary>
    public int StaticTokens { get; }

    /// <summary>Static tokens before the first dynamic or volatile segment, in send order (tools, then messages): what a provider can cache.</summary>
    public int StaticPrefixTokens { get; }

    /// <summary>Number of dynamic holes.</summary>
    public int Holes { get; }

    /// <summary>The part of <see cref="StaticTokens"/> that is tool schemas.</summary>
    public int ToolSchemaTokens { get; }

    /// <summary>Declared max output tokens, when known.</summary>
    public int? OutputCap { get; }

    /// <summary>
    /// True when the template has conditional alternatives (<c>{{#if}}…{{else}}</c>, <c>{% if %}…{% else %}</c>) and
    /// <see cref="StaticTokens"/> counts only the largest alternative of each block: the most one call sends.
    /// </summary>
    public bool LargestBranch { get; }

    /// <summary>True when <see cref="Model"/> is the project's default, assumed because the code names its model in a way that cannot be read (see <see cref="Model.PromptTemplate.ModelAssumed"/>).</summary>
    public bool ModelAssumed { get; }

    /// <summary>Hash of the normalized template (static text, hole names, tools).</summary>
    public string ContentHash { get; }
}
