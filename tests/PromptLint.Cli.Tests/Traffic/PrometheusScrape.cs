using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptLint.Cli.Tests.Traffic;

/// <summary>
/// A Prometheus text-format scrape (what <c>/metrics</c> answers), and a tiny evaluator for exactly the query shapes
/// docs/traffic.md documents: <c>sum by (L) (increase(NAME{matchers}[W]))</c>, joined by <c>or</c>. It is not
/// Prometheus: <c>increase()</c> over the window is taken as the counter's value in the one scrape, which is exact
/// only because the app started inside the window (counters begin at 0 and no restart happened). Any other query
/// is refused, so the test also proves the command sends the documented ones.
/// </summary>
internal sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = new();

    public PrometheusScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException("Not a sample line of the text format: " + line);
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = Unescape(label.Groups["value"].Value);
            }

            _samples.Add((match.Groups["name"].Value, labels, double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN));
        }
    }

    public string Text { get; }

    /// <summary>The value of the one sample with this name and these labels (null when none).</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
        => _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Select(s => (double?)s.Value).SingleOrDefault();

    /// <summary>Series names present.</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The query's answer as the API's JSON, or a <c>bad_data</c> error for anything outside the documented shape.</summary>
    public (int Status, string Json) Answer(string query, string time)
    {
        var result = new List<(string? Group, double Value)>();
        foreach (var term in query.Split(" or ", StringSplitOptions.None))
        {
            var match = Term().Match(term);
            if (!match.Success)
            {
                return (400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"the test's evaluator reads only the documented query shapes\"}");
            }

            var by = match.Groups["by"].Value;
            var matchers = Matcher().Matches(match.Groups["matchers"].Value).Select(m => (Key: m.Groups["key"].Value, Not: m.Groups["op"].Value == "!=", Value: m.Groups["value"].Value)).ToList();
            var groups = _samples
                .Where(s => s.Name == match.Groups["name"].Value)
                .Where(s => matchers.All(m => (s.Labels.TryGetValue(m.Key, out var v) ? v : string.Empty) is var actual && (m.Not ? actual != m.Value : actual == m.Value)))
                .GroupBy(s => s.Labels.TryGetValue(by, out var v) ? v : null)
                .Select(g => (Group: g.Key, Value: g.Sum(s => s.Value)));

            // 'or': the right side adds only the groups the left side does not have.
            var have = result.Select(r => r.Group).ToHashSet();
            result.AddRange(groups.Where(g => !have.Contains(g.Group)));
        }

        var json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        json.AppendJoin(",", result.OrderBy(r => r.Group, StringComparer.Ordinal).Select(r =>
            "{\"metric\":{" + (r.Group is null ? string.Empty : $"\"promptlint_prompt_id\":\"{r.Group}\"") + "},\"value\":[" + time + ",\"" + r.Value.ToString("R", CultureInfo.InvariantCulture) + "\"]}"));
        json.Append("]}}");
        return (200, json.ToString());
    }

    private static string Unescape(string value) => value.Replace("\\\"", "\"").Replace("\\n", "\n").Replace("\\\\", "\\");

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"^sum by \((?<by>[a-zA-Z_][a-zA-Z0-9_]*)\) \(increase\((?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<matchers>[^}]*)\})?\[(?<window>\d+[smhdw])\]\)\)$")]
    private static partial Regex Term();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)(?<op>!=|=)""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Matcher();
}
