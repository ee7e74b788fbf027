using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PromptLint.Contracts.Pricing;

/// <summary>
/// The shipped model, price and cache-rule data (embedded <c>models.json</c>), optionally overridden per project by a
/// file of the same shape. Loaded once per process; lookups take the longest model-id prefix of a name.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> ShippedCatalog = new(LoadShipped, isThreadSafe: true);

    private ModelCatalog(IReadOnlyList<ModelInfo> models, IReadOnlyList<CacheRule> cacheRules)
    {
        Models = models;
        CacheRules = cacheRules;
    }

    /// <summary>The data shipped inside PromptLint.</summary>
    public static ModelCatalog Shipped => ShippedCatalog.Value;

    /// <summary>Known models.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>Provider cache rules.</summary>
    public IReadOnlyList<CacheRule> CacheRules { get; }

    /// <summary>The model a name refers to: provider prefixes ("openai/") are dropped, the longest id prefix wins.</summary>
    public ModelInfo? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var bare = model!.Trim().Substring(model.Trim().LastIndexOf('/') + 1).ToLowerInvariant();
        return Models.Where(m => bare.StartsWith(m.Id, StringComparison.Ordinal)).OrderByDescending(m => m.Id.Length).FirstOrDefault();
    }

    /// <summary>The cache rule for a model: the most specific of its provider's rules.</summary>
    public CacheRule? CacheRuleFor(ModelInfo model)
        => CacheRules.Where(r => r.Provider == model.Provider && (r.ModelPrefix.Length == 0 || model.Id.StartsWith(r.ModelPrefix, StringComparison.Ordinal)))
            .OrderByDescending(r => r.ModelPrefix.Length)
            .FirstOrDefault();

    /// <summary>This catalog with the entries of <paramref name="overrides"/> replacing those of the same id (or provider and prefix).</summary>
    public ModelCatalog With(ModelCatalog overrides)
    {
        var models = Models.Where(m => overrides.Models.All(o => o.Id != m.Id)).Concat(overrides.Models).ToList();
        var rules = CacheRules.Where(r => overrides.CacheRules.All(o => o.Provider != r.Provider || o.ModelPrefix != r.ModelPrefix)).Concat(overrides.CacheRules).ToList();
        return new ModelCatalog(models, rules);
    }

    /// <summary>Parses catalog JSON. Problems (bad JSON, entries without source or date, negative figures) are returned, never thrown.</summary>
    public static ModelCatalog Parse(string json, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var models = new List<ModelInfo>();
        var rules = new List<CacheRule>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                found.Add("the model data must be a JSON object with \"models\" and \"cacheRules\" arrays");
            }
            else if (document.RootElement.TryGetProperty("models", out var modelArray) && modelArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in modelArray.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object)
                    {
                        found.Add("every entry of \"models\" must be a JSON object");
                        continue;
                    }

                    var model = new ModelInfo
                    {
                        Id = Str(entry, "id").ToLowerInvariant(),
                        Provider = Str(entry, "provider"),
                        ContextWindow = Int(entry, "contextWindow") ?? 0,
                        MaxOutputTokens = Int(entry, "maxOutputTokens") ?? 0,
                        Input = Num(entry, "input") ?? -1,
                        CachedInput = Num(entry, "cachedInput"),
                        CacheWrite = Num(entry, "cacheWrite"),
                        Output = Num(entry, "output") ?? -1,
                        BatchInput = Num(entry, "batchInput"),
                        Source = Str(entry, "source"),
                        AsOf = Str(entry, "asOf"),
                    };
                    var problem = (model.Id.Length == 0 ? "every model needs an \"id\" (text)" : null) ?? Check(model.Id, model.Source, model.AsOf) ?? (model.Input < 0 || model.Output < 0 || model.ContextWindow <= 0 ? $"model '{model.Id}' needs input and output prices and a context window" : null);
                    if (problem is null)
                    {
                        models.Add(model);
                    }
                    else
                    {
                        found.Add(problem);
                    }
                }
            }

            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("cacheRules", out var ruleArray) && ruleArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in ruleArray.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object)
                    {
                        found.Add("every entry of \"cacheRules\" must be a JSON object");
                        continue;
                    }

                    var rule = new CacheRule
                    {
                        Provider = Str(entry, "provider"),
                        ModelPrefix = Str(entry, "modelPrefix").ToLowerInvariant(),
                        MinPrefixTokens = Int(entry, "minPrefixTokens") ?? 0,
                        StepTokens = Int(entry, "stepTokens"),
                        Prefix = Str(entry, "prefix"),
                        Source = Str(entry, "source"),
                        AsOf = Str(entry, "asOf"),
                    };
                    var problem = Check("cache rule " + rule.Provider + " " + rule.ModelPrefix, rule.Source, rule.AsOf) ?? (rule.MinPrefixTokens <= 0 ? $"cache rule for '{rule.Provider}' needs minPrefixTokens" : null);
                    if (problem is null)
                    {
                        rules.Add(rule);
                    }
                    else
                    {
                        found.Add(problem);
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            found.Add($"invalid JSON at line {(ex.LineNumber ?? 0) + 1}");
        }
        catch (ArgumentException)
        {
            // System.Text.Json refuses to transcode text holding an unpaired surrogate (a damaged file).
            found.Add("the file holds text that is not valid Unicode (an unpaired surrogate)");
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800") is valid JSON that System.Text.Json will not read as a name or string.
            models.Clear();
            rules.Clear();
            found.Add("the file holds an escaped unpaired surrogate (\\ud800-\\udfff) in a name or a text; none of its models are used");
        }

        problems = found;
        return new ModelCatalog(models, rules);
    }

    private static string? Check(string what, string source, string asOf)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return $"'{what}' has no source";
        }

        return DateTime.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : $"'{what}' has no asOf date (yyyy-MM-dd)";
    }

    private static ModelCatalog LoadShipped()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("PromptLint.Core.models.json")
            ?? throw new InvalidOperationException("models.json is not embedded in PromptLint.Contracts.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), out _);
    }

    private static string Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    // A whole number in int's range; anything else (1e309, 2147483648, 1.5) is missing, which the checks report.
    private static int? Int(JsonElement element, string name)
        => Num(element, name) is { } number && number == decimal.Truncate(number) && number >= int.MinValue && number <= int.MaxValue ? (int)number : null;

    private static decimal? Num(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;
}
