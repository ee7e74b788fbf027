using System.Globalization;

namespace PromptLint.Contracts.Pricing;

/// <summary>
/// What one call of a prompt costs at list price, worst case: its static input tokens at the model's input price (the
/// cacheable prefix at the cached-input price where the provider caches it), plus its output cap at the output price.
/// An uncapped call is priced at the model's largest output. Only the static part is priced: holes are filled at run
/// time, so they add the same to both sides of a comparison and are left out of both.
/// </summary>
public sealed class CallCost
{
    private CallCost(ModelInfo model, int staticTokens, int cachedTokens, int? outputCap, int outputTokens)
    {
        Model = model;
        StaticTokens = staticTokens;
        CachedTokens = cachedTokens;
        OutputCap = outputCap;
        OutputTokens = outputTokens;
        Input = Cost.PerCall(staticTokens - cachedTokens, model.Input) + Cost.PerCall(cachedTokens, model.CachedInput ?? model.Input);
        Output = Cost.PerCall(outputTokens, model.Output);
    }

    /// <summary>The catalogue entry the prices are from.</summary>
    public ModelInfo Model { get; }

    /// <summary>Static input tokens (tool schemas included).</summary>
    public int StaticTokens { get; }

    /// <summary>The part of <see cref="StaticTokens"/> priced as a cache read.</summary>
    public int CachedTokens { get; }

    /// <summary>The declared output cap; null when uncapped.</summary>
    public int? OutputCap { get; }

    /// <summary>Output tokens priced: the cap, or the model's largest output when uncapped.</summary>
    public int OutputTokens { get; }

    /// <summary>USD for the input of one call.</summary>
    public decimal Input { get; }

    /// <summary>USD for the worst-case output of one call.</summary>
    public decimal Output { get; }

    /// <summary>USD per call, worst case.</summary>
    public decimal Total => Input + Output;

    /// <summary>"256", "uncapped", or "tools" for a prompt of tool schemas only (no output priced).</summary>
    public string CapText => OutputCap is { } cap ? cap.ToString("N0", CultureInfo.InvariantCulture) : OutputTokens == 0 ? "n/a, tool schemas" : "uncapped";

    /// <summary>
    /// The cost of a call to <paramref name="modelName"/>, or null when the catalogue has no price for it (then nothing
    /// is gated on money: an unknown price is never a reason to fail a build).
    /// </summary>
    /// <param name="catalog">Models and prices.</param>
    /// <param name="modelName">The model the prompt is sent to.</param>
    /// <param name="staticTokens">Static tokens of one call.</param>
    /// <param name="staticPrefixTokens">Of those, the ones before the first dynamic or volatile part.</param>
    /// <param name="outputCap">The output cap, null when uncapped.</param>
    /// <param name="toolSchemaTokens">
    /// Of the static tokens, the tool schemas. A prompt that is nothing but tool schemas (a <c>*.tools.json</c> list, a
    /// tool defined in code) is input to the calls that offer it, with no output of its own: priced as input only.
    /// </param>
    public static CallCost? Of(ModelCatalog catalog, string? modelName, int staticTokens, int staticPrefixTokens, int? outputCap, int toolSchemaTokens = 0)
    {
        var model = catalog.Find(modelName);
        if (model is null)
        {
            return null;
        }

        var toolsOnly = toolSchemaTokens > 0 && toolSchemaTokens >= staticTokens;
        var output = toolsOnly ? 0 : outputCap is { } cap ? cap : model.MaxOutputTokens;
        return new CallCost(model, staticTokens, CachedPrefix(catalog, model, staticTokens, staticPrefixTokens), outputCap, output < 0 ? 0 : output);
    }

    // The provider caches a prefix from its minimum length up, in steps where it has them (OpenAI: 1,024, then every 128).
    private static int CachedPrefix(ModelCatalog catalog, ModelInfo model, int staticTokens, int prefix)
    {
        var rule = catalog.CacheRuleFor(model);
        prefix = prefix > staticTokens ? staticTokens : prefix;
        if (rule is null || model.CachedInput is null || prefix < rule.MinPrefixTokens)
        {
            return 0;
        }

        return rule.StepTokens is > 0 and var step ? rule.MinPrefixTokens + ((prefix - rule.MinPrefixTokens) / step * step) : prefix;
    }
}
