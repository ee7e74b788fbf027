using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.Tests;

/// <summary>
/// dashboards/promptlint-grafana.json against the meter: every series a query reads must be one the meter's instruments
/// produce under the OpenTelemetry Prometheus exporter's naming, filtered and grouped only by labels they carry, so a
/// renamed instrument, unit or tag fails here instead of leaving an operator's panel silently empty.
/// </summary>
public sealed class DashboardTests
{
    private const string MeterName = "PromptLint.DashboardTest";

    // The operator's views the dashboard must have, matched against panel titles (case-insensitive, whole title).
    private static readonly string[] RequiredViews =
    {
        "Tokens by route",
        "Cost by tenant",
        "Cost by model",
        "Cache hit rate",
        "p95 input tokens per request",
        "Cost per successful outcome",
        "Footprint drift by prompt",
        "Quota and budget rejections",
        "Quota store errors",
    };

    // Labels every series has whatever its instrument: added by Prometheus (job, instance) or the exporter (scope).
    private static readonly string[] AmbientLabels = { "job", "instance", "otel_scope_name", "otel_scope_version" };

    private static readonly Lazy<JsonDocument> DashboardJson = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "dashboards", "promptlint-grafana.json"))));

    private static readonly Lazy<Task<IReadOnlyDictionary<string, EmittedSeries>>> Emitted = new(EmittedSeriesAsync);

    [Fact]
    public async Task EveryDashboardQuery_ReadsOnlySeriesTheMeterEmits()
    {
        var emitted = await Emitted.Value;
        var queries = Queries(DashboardJson.Value);

        // A scanner that found nothing would make this test pass vacuously.
        Assert.True(queries.Count(q => q.IsPanelTarget) >= RequiredViews.Length, $"Only {queries.Count(q => q.IsPanelTarget)} panel queries were found in the dashboard.");
        Assert.All(queries.Where(q => q.IsPanelTarget), q => Assert.NotEmpty(PromQl.Scan(q.Expr).Selectors));

        AssertNone($"Dashboard queries read series the meter does not emit (it emits {string.Join(", ", emitted.Keys.Order(StringComparer.Ordinal))})", UnknownSeries(queries, emitted));
    }

    [Fact]
    public async Task AQueryForASeriesTheMeterDoesNotEmit_IsReported()
    {
        // Regression guard for the check itself: the counter without its _total suffix, and a made-up metric.
        var emitted = await Emitted.Value;
        var queries = new[]
        {
            new Query("Tokens", "sum(rate(promptlint_tokens{promptlint_route=~\"$route\"}[$__rate_interval]))", IsPanelTarget: true, Array.Empty<string>()),
            new Query("Made up", "sum by (promptlint_route) (rate(promptlint_rate_limit_rejections_total[$__rate_interval])) / sum(rate(promptlint_rejections_total[$__rate_interval]))", IsPanelTarget: true, Array.Empty<string>()),
            new Query("Removed", "sum(rate(promptlint_requests_total[$__rate_interval]))", IsPanelTarget: true, Array.Empty<string>()),
        };

        Assert.Equal(
            new[] { "Tokens: promptlint_tokens", "Made up: promptlint_rate_limit_rejections_total", "Removed: promptlint_requests_total" },
            UnknownSeries(queries, emitted).Select(p => p[..p.IndexOf(" is not", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task EveryDashboardQuery_FiltersAndGroupsOnlyByLabelsItsSeriesCarry()
        => AssertNone("Dashboard queries use labels their series do not carry", LabelProblems(Queries(DashboardJson.Value), await Emitted.Value));

    [Fact]
    public async Task EveryAlertRule_ReadsOnlySeriesTheMeterEmits_WithLabelsTheyCarry()
    {
        var rules = AlertRules();
        var emitted = await Emitted.Value;

        Assert.Equal(new[] { "PromptLintQuotaStoreUnreachable", "PromptLintTenantSpendAnomaly", "PromptLintUncheckedAdmissions" }, rules.Select(r => r.Where).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.NotEmpty(PromQl.Scan(r.Expr).Selectors));
        AssertNone("Alert rules read series the meter does not emit", UnknownSeries(rules, emitted));
        AssertNone("Alert rules use labels their series do not carry", LabelProblems(rules, emitted));
    }

    // dashboards/promptlint-alerts.yml: each rule's name and PromQL expression.
    private static List<Query> AlertRules()
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoRoot(), "dashboards", "promptlint-alerts.yml"))));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlDotNet.RepresentationModel.YamlSequenceNode)root["groups"])
            .Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .SelectMany(g => ((YamlDotNet.RepresentationModel.YamlSequenceNode)g["rules"]).Cast<YamlDotNet.RepresentationModel.YamlMappingNode>())
            .Select(r => new Query(r["alert"].ToString(), r["expr"].ToString(), IsPanelTarget: false, Array.Empty<string>()))
            .ToList();
    }

    private static IEnumerable<string> LabelProblems(IEnumerable<Query> queries, IReadOnlyDictionary<string, EmittedSeries> emitted)
    {
        var problems = new List<string>();
        foreach (var query in queries)
        {
            var scanned = PromQl.Scan(query.Expr);
            var series = scanned.Selectors.Where(s => emitted.ContainsKey(s.Metric)).ToList();
            foreach (var selector in series)
            {
                var known = emitted[selector.Metric];
                if (known.Labels is null)
                {
                    problems.Add($"{query.Where}: {selector.Metric} recorded nothing in {nameof(ExerciseAsync)}, so its labels cannot be checked. Make {nameof(ExerciseAsync)} record {known.Instrument}.");
                    continue;
                }

                problems.AddRange(selector.Labels.Where(l => !Carries(known, l)).Select(l => $"{query.Where}: {selector.Metric} has no label '{l}' (it has {string.Join(", ", known.Labels.Order())})."));

                // A by/without/on/ignoring label must be on every series of the query, or the aggregation silently drops data.
                problems.AddRange(scanned.GroupingLabels.Concat(query.GroupingLabels).Where(l => !Carries(known, l)).Select(l => $"{query.Where}: groups by '{l}', which {selector.Metric} does not carry (it has {string.Join(", ", known.Labels.Order())})."));
            }
        }

        return problems.Distinct();
    }

    [Fact]
    public void EveryRateTakingQuery_UsesRateIntervalOrRange_AndReadsCumulativeSeriesOnlyThroughOne()
    {
        var problems = new List<string>();
        foreach (var query in Queries(DashboardJson.Value).Where(q => q.IsPanelTarget))
        {
            var scanned = PromQl.Scan(query.Expr);
            problems.AddRange(scanned.Ranges.Where(r => r is not ("$__rate_interval" or "$__range")).Select(r => $"{query.Where}: range [{r}]; use [$__rate_interval] (or [$__range] for the whole selected range)."));

            // Counters and histogram series only ever grow: plotted raw they show process uptime, not usage.
            problems.AddRange(scanned.Selectors.Where(s => !s.Ranged && IsCumulative(s.Metric)).Select(s => $"{query.Where}: {s.Metric} is read without rate() or increase()."));
        }

        AssertNone("Dashboard queries take rates wrongly", problems);
    }

    [Fact]
    public void Dashboard_HasAPanelWithAQueryForEachOperatorView()
    {
        var titled = Panels(DashboardJson.Value.RootElement)
            .Where(p => p.TryGetProperty("targets", out var targets) && targets.GetArrayLength() > 0)
            .Select(p => p.GetProperty("title").GetString() ?? string.Empty)
            .ToList();

        var missing = RequiredViews.Where(view => !titled.Contains(view, StringComparer.OrdinalIgnoreCase)).ToList();
        AssertNone("The dashboard has no panel with a query titled", missing);
    }

    [Fact]
    public async Task EveryInstrumentOfTheMeter_IsReadByAPanel()
    {
        // A new instrument without a panel is invisible to the operator: add one to dashboards/promptlint-grafana.json.
        var emitted = await Emitted.Value;
        var read = Queries(DashboardJson.Value).Where(q => q.IsPanelTarget).SelectMany(q => PromQl.Scan(q.Expr).Selectors).Select(s => s.Metric).ToHashSet(StringComparer.Ordinal);

        AssertNone("No panel reads these instruments of the meter (add one to dashboards/promptlint-grafana.json)", emitted.Values.GroupBy(e => e.Instrument).Where(g => !g.Any(e => read.Contains(e.Name))).Select(g => $"{g.Key} ({string.Join(", ", g.Select(e => e.Name))})"));
    }

    [Fact]
    public void Dashboard_ImportsWithAPrometheusDataSourceInput()
    {
        var root = DashboardJson.Value.RootElement;
        var input = Assert.Single(root.GetProperty("__inputs").EnumerateArray());
        Assert.Equal("DS_PROMETHEUS", input.GetProperty("name").GetString());
        Assert.Equal("prometheus", input.GetProperty("pluginId").GetString());
        Assert.InRange(root.GetProperty("schemaVersion").GetInt32(), 36, 41);

        var sources = Panels(root).Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("datasource")).Append(p.GetProperty("datasource")))
            .Concat(root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("datasource")));
        Assert.All(sources, s => Assert.Equal("${DS_PROMETHEUS}", s.GetProperty("uid").GetString()));
    }

    [Theory]
    [InlineData("gen_ai.client.token.usage", "{token}", InstrumentKind.Histogram, "gen_ai_client_token_usage_bucket gen_ai_client_token_usage_sum gen_ai_client_token_usage_count")]
    [InlineData("promptlint.tokens", "{token}", InstrumentKind.Counter, "promptlint_tokens_total")]
    [InlineData("promptlint.cost", "USD", InstrumentKind.Counter, "promptlint_cost_USD_total")]
    [InlineData("promptlint.quota.store_errors", "{error}", InstrumentKind.Counter, "promptlint_quota_store_errors_total")]
    [InlineData("promptlint.footprint.drift", "{token}", InstrumentKind.Histogram, "promptlint_footprint_drift_bucket promptlint_footprint_drift_sum promptlint_footprint_drift_count")]
    [InlineData("http.server.request.duration", "s", InstrumentKind.Histogram, "http_server_request_duration_seconds_bucket http_server_request_duration_seconds_sum http_server_request_duration_seconds_count")]
    [InlineData("app.payload", "By", InstrumentKind.Counter, "app_payload_bytes_total")]
    [InlineData("app.throughput", "By/s", InstrumentKind.Gauge, "app_throughput_bytes_per_second")]
    [InlineData("app.requests_total", null, InstrumentKind.Counter, "app_requests_total")]
    [InlineData("app..queue-length", "{item}", InstrumentKind.Gauge, "app_queue_length")]
    public void PrometheusNames_FollowTheExportersRule(string name, string? unit, InstrumentKind kind, string expected)
        => Assert.Equal(expected.Split(' '), PrometheusNames.Series(name, unit, kind));

    [Fact]
    public void QueryScanner_FindsSeriesAndLabels_NotFunctionsKeywordsNumbersOrVariables()
    {
        var scanned = PromQl.Scan("""
            histogram_quantile(0.95, sum by (le, promptlint_route) (rate(gen_ai_client_token_usage_bucket{gen_ai_token_type="input", promptlint_tenant=~"$tenant|{a,b}"}[$__rate_interval])))
            / on (promptlint_route) group_left sum without (instance) (increase(promptlint_requests_total [$__range] offset 1h)) * 3600
            or vector(0) > bool 1e3 and ${threshold:raw} unless {__name__="promptlint_cost_USD_total"}
            """);

        Assert.Equal(
            new[] { "gen_ai_client_token_usage_bucket(gen_ai_token_type,promptlint_tenant)[ranged]", "promptlint_requests_total()[ranged]", "promptlint_cost_USD_total(__name__)" },
            scanned.Selectors.Select(s => $"{s.Metric}({string.Join(",", s.Labels)}){(s.Ranged ? "[ranged]" : string.Empty)}"));
        Assert.Equal(new[] { "le", "promptlint_route", "promptlint_route", "instance" }, scanned.GroupingLabels);
        Assert.Equal(new[] { "$__rate_interval", "$__range" }, scanned.Ranges);
    }

    // Every problem in full: Assert.Empty would cut the messages short.
    private static void AssertNone(string what, IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{what}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", list)}");
    }

    private static bool Carries(EmittedSeries series, string label)
        => label == "__name__" || AmbientLabels.Contains(label) || series.Labels!.Contains(label);

    private static bool IsCumulative(string metric)
        => metric.EndsWith("_total", StringComparison.Ordinal) || metric.EndsWith("_bucket", StringComparison.Ordinal)
            || metric.EndsWith("_sum", StringComparison.Ordinal) || metric.EndsWith("_count", StringComparison.Ordinal);

    private static List<string> UnknownSeries(IEnumerable<Query> queries, IReadOnlyDictionary<string, EmittedSeries> emitted)
        => queries
            .SelectMany(q => PromQl.Scan(q.Expr).Selectors.Select(s => (q.Where, s.Metric)))
            .Where(x => !emitted.ContainsKey(x.Metric))
            .Select(x => $"{x.Where}: {x.Metric} is not a series the meter emits.")
            .ToList();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PromptLint.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PromptLint.sln above {AppContext.BaseDirectory}.");
    }

    // Panels, including those inside collapsed rows.
    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel))
            {
                yield return nested;
            }
        }
    }

    private static List<Query> Queries(JsonDocument dashboard)
    {
        var queries = new List<Query>();
        foreach (var panel in Panels(dashboard.RootElement))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            var title = panel.GetProperty("title").GetString();
            foreach (var target in targets.EnumerateArray())
            {
                var expr = target.TryGetProperty("expr", out var e) ? e.GetString() : null;
                Assert.False(string.IsNullOrWhiteSpace(expr), $"Panel '{title}' has a target without a PromQL expr.");
                queries.Add(new Query($"panel '{title}' ({target.GetProperty("refId").GetString()})", expr!, IsPanelTarget: true, Array.Empty<string>()));
            }
        }

        if (dashboard.RootElement.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
            {
                var query = variable.GetProperty("query");
                var text = query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!;
                var where = $"variable '{variable.GetProperty("name").GetString()}'";
                if (Regex.Match(text, @"^\s*label_values\s*\(\s*(?<selector>.+?)\s*,\s*(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$") is { Success: true } labelValues)
                {
                    queries.Add(new Query(where, labelValues.Groups["selector"].Value, IsPanelTarget: false, new[] { labelValues.Groups["label"].Value }));
                }
                else if (Regex.Match(text, @"^\s*query_result\s*\((?<expr>.*)\)\s*$", RegexOptions.Singleline) is { Success: true } result)
                {
                    queries.Add(new Query(where, result.Groups["expr"].Value, IsPanelTarget: false, Array.Empty<string>()));
                }
                else
                {
                    Assert.Fail($"{where}: query '{text}' is neither label_values(metric, label) nor query_result(expr); teach {nameof(Queries)} to read it.");
                }
            }
        }

        return queries;
    }

    // Every Prometheus series the meter's instruments produce, with the labels seen while exercising the meter.
    private static async Task<IReadOnlyDictionary<string, EmittedSeries>> EmittedSeriesAsync()
    {
        var seen = new ConcurrentDictionary<Instrument, ConcurrentDictionary<string, byte>>();
        var published = new ConcurrentBag<Instrument>();
        using (var metrics = new PromptLintMetrics(MeterName))
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName)
                {
                    published.Add(instrument);
                    l.EnableMeasurementEvents(instrument);
                }
            };

            void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
            {
                var keys = seen.GetOrAdd(instrument, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
                foreach (var tag in tags)
                {
                    keys.TryAdd(tag.Key, 0);
                }
            }

            listener.SetMeasurementEventCallback<byte>(OnMeasurement);
            listener.SetMeasurementEventCallback<short>(OnMeasurement);
            listener.SetMeasurementEventCallback<int>(OnMeasurement);
            listener.SetMeasurementEventCallback<long>(OnMeasurement);
            listener.SetMeasurementEventCallback<float>(OnMeasurement);
            listener.SetMeasurementEventCallback<double>(OnMeasurement);
            listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
            listener.Start();

            await ExerciseAsync(metrics);
            listener.RecordObservableInstruments();
        }

        Assert.NotEmpty(published);
        var series = new Dictionary<string, EmittedSeries>(StringComparer.Ordinal);
        foreach (var instrument in published)
        {
            var kind = PrometheusNames.KindOf(instrument);
            var labels = seen.TryGetValue(instrument, out var keys) ? keys.Keys.Select(PrometheusNames.Label).ToHashSet(StringComparer.Ordinal) : null;
            foreach (var name in PrometheusNames.Series(instrument.Name, instrument.Unit, kind))
            {
                var withLe = labels is not null && name.EndsWith("_bucket", StringComparison.Ordinal) ? labels.Append("le").ToHashSet(StringComparer.Ordinal) : labels;
                series.Add(name, new EmittedSeries(name, $"{instrument.Name} ({kind}, unit '{instrument.Unit}')", withLe));
            }
        }

        return series;
    }

    // Drives the meter through its public pipeline so that each instrument records once with all of its tags.
    private static async Task ExerciseAsync(PromptLintMetrics metrics)
    {
        static ChatOptions Attributed(string model) => new ChatOptions { ModelId = model }.ForPrompt("support.triage").ForTenant("acme").ForRoute("/tickets");

        // A quota whose store is down, failing open: the call goes through and counts a store error.
        var options = new PromptLintMeterOptions { TenantTokenQuota = 1_000_000, QuotaStore = new UnreachableQuotaStore() };
        options.StaticFootprints["support.triage"] = 900;
        var client = new PromptLintChatClient(new AnsweringClient(), options, metrics);
        await client.GetResponseAsync("Hi", Attributed("gpt-4o"));
        await client.GetResponseAsync("Hi", Attributed("no-such-model-in-the-catalog"));

        // A stream, for the time to its first chunk.
        await foreach (var _ in client.GetStreamingResponseAsync("Hi", Attributed("gpt-4o")))
        {
        }

        // A provider error, for error.type on the duration (the dashboard counts errors by it).
        var failing = new PromptLintChatClient(new QuotaTests.FailingClient { Fail = true }, new PromptLintMeterOptions(), metrics);
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.GetResponseAsync("Hi", Attributed("gpt-4o")));

        var budgeted = new PromptLintChatClient(new AnsweringClient(), new PromptLintMeterOptions { MaxInputTokens = 0 }, metrics);
        await Assert.ThrowsAsync<PromptBudgetExceededException>(() => budgeted.GetResponseAsync("Hi", Attributed("gpt-4o")));

        metrics.RecordOutcome("support.triage", success: true, tenant: "acme");
    }

    public enum InstrumentKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    private sealed record Query(string Where, string Expr, bool IsPanelTarget, IReadOnlyList<string> GroupingLabels);

    private sealed record EmittedSeries(string Name, string Instrument, IReadOnlySet<string>? Labels);

    /// <summary>
    /// How the OpenTelemetry .NET Prometheus exporter names series (default translation strategy,
    /// UnderscoreEscapingWithSuffixes). docs/meter.md states the same rule for people.
    /// </summary>
    private static class PrometheusNames
    {
        private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
        {
            ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
            ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes",
            ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes",
            ["B"] = "bytes", ["KB"] = "kilobytes", ["MB"] = "megabytes", ["GB"] = "gigabytes", ["TB"] = "terabytes",
            ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
            ["Cel"] = "celsius", ["Hz"] = "hertz", ["1"] = string.Empty, ["%"] = "percent", ["$"] = "dollars",
        };

        private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
        {
            ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
        };

        public static InstrumentKind KindOf(Instrument instrument)
        {
            var type = instrument.GetType();
            var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
            {
                return InstrumentKind.Counter;
            }

            if (definition == typeof(Histogram<>))
            {
                return InstrumentKind.Histogram;
            }

            if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
            {
                return InstrumentKind.Gauge;
            }

            throw new InvalidOperationException($"Instrument '{instrument.Name}' is a {type.Name}, which {nameof(PrometheusNames)} cannot name yet.");
        }

        public static IReadOnlyList<string> Series(string instrument, string? unit, InstrumentKind kind)
        {
            // Dots and every other character outside [A-Za-z0-9:] become one underscore.
            var name = Sanitize(instrument);

            // The unit, if any is left once {annotations} are dropped, goes before the type suffix.
            var suffix = string.IsNullOrEmpty(unit) ? string.Empty : Unit(unit);
            if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name += "_" + suffix;
            }

            return kind switch
            {
                InstrumentKind.Counter => new[] { name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total" },
                InstrumentKind.Histogram => new[] { name + "_bucket", name + "_sum", name + "_count" },
                _ => new[] { name },
            };
        }

        // Tag keys: each character outside [A-Za-z0-9_] becomes an underscore ("promptlint.tenant" → "promptlint_tenant").
        public static string Label(string key)
            => (key.Length > 0 && char.IsAsciiDigit(key[0]) ? "_" : string.Empty) + Regex.Replace(key, "[^A-Za-z0-9_]", "_");

        private static string Sanitize(string name)
        {
            var result = new System.Text.StringBuilder(name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsLetterOrDigit(c) || c == ':')
                {
                    result.Append(i == 0 && char.IsDigit(c) ? "_" + c : c.ToString());
                }
                else if (result.Length == 0 || result[^1] != '_')
                {
                    result.Append('_');
                }
            }

            return result.ToString();
        }

        private static string Unit(string unit)
        {
            var bare = Regex.Replace(unit, @"\{[^}]*\}", string.Empty);
            var slash = bare.IndexOf('/');
            if (slash >= 0 && slash < bare.Length - 1)
            {
                var per = bare[(slash + 1)..];
                return Map(Units, bare[..slash]) + "_per_" + Map(PerUnits, per);
            }

            return Map(Units, bare);
        }

        private static string Map(Dictionary<string, string> map, string unit) => map.TryGetValue(unit, out var mapped) ? mapped : unit;
    }

    /// <summary>
    /// Just enough PromQL to find what a query reads: series selectors with their matcher labels and whether a range
    /// follows, aggregation and matching labels (by, without, on, ignoring, group_left/right), and range durations.
    /// </summary>
    private static class PromQl
    {
        private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase) { "by", "without", "on", "ignoring", "group_left", "group_right" };

        private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan" };

        // Aggregations may put their by/without clause before the parenthesis: sum by (x) (…).
        private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
        {
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
        };

        private static readonly Regex Matcher = new(@"(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*(?<value>""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`)");

        public static Scanned Scan(string expr)
        {
            var selectors = new List<Selector>();
            var grouping = new List<string>();
            var ranges = new List<string>();
            var i = 0;
            while (i < expr.Length)
            {
                var c = expr[i];
                if (c is '"' or '\'' or '`')
                {
                    i = AfterString(expr, i);
                }
                else if (c == '$')
                {
                    // Grafana variables: $name, ${name}, ${name:format}.
                    i = i + 1 < expr.Length && expr[i + 1] == '{' ? (expr.IndexOf('}', i) is var close and >= 0 ? close + 1 : expr.Length) : AfterWord(expr, i + 1);
                }
                else if (c == '[')
                {
                    var end = expr.IndexOf(']', i);
                    ranges.Add(expr[(i + 1)..end].Trim());
                    i = end + 1;
                }
                else if (c == '{')
                {
                    // A selector without a metric name in front: {__name__="…"}.
                    var (labels, name, next) = ReadMatchers(expr, i);
                    if (name is not null)
                    {
                        selectors.Add(new Selector(name, labels, NextIs(expr, next, '[')));
                    }

                    i = next;
                }
                else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsAsciiDigit(expr[i + 1])))
                {
                    // Numbers and durations (0.95, 1e3, 5m, 1h30m).
                    while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '.' or '_'))
                    {
                        i++;
                    }
                }
                else if (char.IsAsciiLetter(c) || c is '_' or ':')
                {
                    var start = i;
                    i = AfterWord(expr, i);
                    var word = expr[start..i];
                    var next = SkipSpaces(expr, i);
                    if (LabelListKeywords.Contains(word))
                    {
                        if (NextIs(expr, next, '('))
                        {
                            var end = expr.IndexOf(')', next);
                            grouping.AddRange(expr[(next + 1)..end].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                            i = end + 1;
                        }
                    }
                    else if (!Keywords.Contains(word) && !Aggregations.Contains(word) && !NextIs(expr, next, '('))
                    {
                        var labels = (IReadOnlyList<string>)Array.Empty<string>();
                        if (NextIs(expr, next, '{'))
                        {
                            (labels, _, i) = ReadMatchers(expr, next);
                            next = SkipSpaces(expr, i);
                        }

                        selectors.Add(new Selector(word, labels, NextIs(expr, next, '[')));
                    }
                }
                else
                {
                    i++;
                }
            }

            return new Scanned(selectors, grouping, ranges);
        }

        private static (IReadOnlyList<string> Labels, string? Name, int Next) ReadMatchers(string expr, int open)
        {
            var i = open + 1;
            while (i < expr.Length && expr[i] != '}')
            {
                i = expr[i] is '"' or '\'' or '`' ? AfterString(expr, i) : i + 1;
            }

            var labels = new List<string>();
            string? name = null;
            foreach (Match m in Matcher.Matches(expr[(open + 1)..i]))
            {
                labels.Add(m.Groups["label"].Value);
                if (m.Groups["label"].Value == "__name__" && m.Groups["op"].Value == "=")
                {
                    name = m.Groups["value"].Value[1..^1];
                }
            }

            return (labels, name, i + 1);
        }

        private static int AfterString(string expr, int open)
        {
            var quote = expr[open];
            var i = open + 1;
            while (i < expr.Length && expr[i] != quote)
            {
                i += expr[i] == '\\' && quote != '`' ? 2 : 1;
            }

            return i + 1;
        }

        private static int AfterWord(string expr, int i)
        {
            while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '_' or ':'))
            {
                i++;
            }

            return i;
        }

        private static int SkipSpaces(string expr, int i)
        {
            while (i < expr.Length && char.IsWhiteSpace(expr[i]))
            {
                i++;
            }

            return i;
        }

        private static bool NextIs(string expr, int i, char c) => SkipSpaces(expr, i) is var j && j < expr.Length && expr[j] == c;
    }

    private sealed record Selector(string Metric, IReadOnlyList<string> Labels, bool Ranged);

    private sealed record Scanned(IReadOnlyList<Selector> Selectors, IReadOnlyList<string> GroupingLabels, IReadOnlyList<string> Ranges);

    private sealed class UnreachableQuotaStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("store is down"));

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromException<long>(new TimeoutException("store is down"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // Answers with usage of every kind (cached input, reasoning), so every token type is counted.
    private sealed class AnsweringClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                ModelId = options?.ModelId,
                Usage = new UsageDetails { InputTokenCount = 1200, CachedInputTokenCount = 1024, OutputTokenCount = 80, ReasoningTokenCount = 16 },
            });

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "ok") { ModelId = options?.ModelId };
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 1200, CachedInputTokenCount = 1024, OutputTokenCount = 80, ReasoningTokenCount = 16 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
