using System;
using System.Collections.Generic;
using System.Globalization;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Measuring;

namespace PromptLint.Core.Reporting;

/// <summary>
/// A measurement as diagnostic properties: the opt-in PL9000 diagnostic carries them (PromptLintEmitMeasurements),
/// and the run record collector reads a measurement back through them. Both sides use this one class, so the keys
/// cannot drift.
/// </summary>
public static class MeasurementProperties
{
    /// <summary>Property keys, in the order they are written.</summary>
    public static class Keys
    {
#pragma warning disable CS1591 // the names say it all
        public const string PromptId = "promptId";
        public const string File = "file";
        public const string Line = "line";
        public const string Role = "role";
        public const string Model = "model";
        public const string Tokenizer = "tokenizer";
        public const string Exact = "exact";
        public const string StaticTokens = "staticTokens";
        public const string StaticPrefixTokens = "staticPrefixTokens";
        public const string Holes = "holes";
        public const string ToolSchemaTokens = "toolSchemaTokens";
        public const string OutputCap = "outputCap";
        public const string BaselineStaticTokens = "baselineStaticTokens";
        public const string Delta = "delta";
        public const string ContentHash = "contentHash";
        public const string LargestBranch = "largestBranch";
        public const string ModelAssumed = "modelAssumed";
#pragma warning restore CS1591
    }

    /// <summary>Turns a measurement (and its baseline comparison, if any) into diagnostic properties.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> From(PromptMeasurement m, string file, int line, string role, int? baselineStaticTokens)
    {
        yield return Pair(Keys.PromptId, m.Id);
        yield return Pair(Keys.File, file);
        yield return Pair(Keys.Line, Num(line));
        yield return Pair(Keys.Role, role);
        yield return Pair(Keys.Model, m.Model);
        yield return Pair(Keys.Tokenizer, m.Tokenizer);
        yield return Pair(Keys.Exact, m.Exact ? "true" : "false");
        yield return Pair(Keys.StaticTokens, Num(m.StaticTokens));
        yield return Pair(Keys.StaticPrefixTokens, Num(m.StaticPrefixTokens));
        yield return Pair(Keys.Holes, Num(m.Holes));
        yield return Pair(Keys.ToolSchemaTokens, Num(m.ToolSchemaTokens));
        yield return Pair(Keys.OutputCap, m.OutputCap is { } cap ? Num(cap) : null);
        yield return Pair(Keys.BaselineStaticTokens, baselineStaticTokens is { } b ? Num(b) : null);
        yield return Pair(Keys.Delta, baselineStaticTokens is { } b2 ? Num(m.StaticTokens - b2) : null);
        yield return Pair(Keys.ContentHash, m.ContentHash);
        yield return Pair(Keys.LargestBranch, m.LargestBranch ? "true" : null);
        yield return Pair(Keys.ModelAssumed, m.ModelAssumed ? "true" : null);
    }

    /// <summary>Reads properties back; null when a required key is missing or not a number.</summary>
    public static ReportPrompt? Read(IReadOnlyDictionary<string, string> properties)
    {
        string? Get(string key) => properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        int? Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

        var id = Get(Keys.PromptId);
        var staticTokens = Int(Keys.StaticTokens);
        if (id is null || staticTokens is null)
        {
            return null;
        }

        return new ReportPrompt
        {
            Id = id,
            File = Get(Keys.File) ?? string.Empty,
            Line = Int(Keys.Line) ?? 1,
            Role = Get(Keys.Role) ?? string.Empty,
            Model = Get(Keys.Model) ?? string.Empty,
            Tokenizer = Get(Keys.Tokenizer) ?? string.Empty,
            Exact = string.Equals(Get(Keys.Exact), "true", StringComparison.Ordinal),
            StaticTokens = staticTokens.Value,
            StaticPrefixTokens = Int(Keys.StaticPrefixTokens) ?? 0,
            Holes = Int(Keys.Holes) ?? 0,
            ToolSchemaTokens = Int(Keys.ToolSchemaTokens) ?? 0,
            OutputCap = Int(Keys.OutputCap),
            BaselineStaticTokens = Int(Keys.BaselineStaticTokens),
            Delta = Int(Keys.Delta),
            ContentHash = Get(Keys.ContentHash) ?? string.Empty,
            LargestBranch = string.Equals(Get(Keys.LargestBranch), "true", StringComparison.Ordinal),
            ModelAssumed = string.Equals(Get(Keys.ModelAssumed), "true", StringComparison.Ordinal),
        };
    }

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
