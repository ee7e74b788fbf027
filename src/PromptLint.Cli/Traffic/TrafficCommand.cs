using System;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace PromptLint.Cli.Traffic;

/// <summary>The <c>traffic</c> command's options; the work is in <see cref="TrafficRunner"/>.</summary>
internal static class TrafficCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, string cwd)
    {
        var prometheus = new Option<string?>("--prometheus") { Description = "Base address of a Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics): http://prometheus:9090. A bearer token, if needed, comes from the environment variable " + PrometheusQueryApi.TokenVariable + "." };
        var saved = new Option<string[]>("--from-response") { Description = "Read a saved /api/v1/query answer instead of asking: calls=FILE, input=FILE, output=FILE (or files in that order). Repeat the option.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var window = new Option<string>("--window") { Description = "The window to average over, as PromQL writes it: 7d, 24h, 2w.", DefaultValueFactory = _ => "7d" };
        var queryFile = new Option<string?>("--query-file") { Description = "Queries to use instead of the documented ones: lines 'calls: …', 'input: …', 'output: …', with $window where the window goes." };
        var output = new Option<string>("--out", "-o") { Description = "The traffic file to write.", DefaultValueFactory = _ => "promptlint.traffic.json" };
        var end = new Option<string?>("--end") { Description = "End of the window for --prometheus: ISO 8601 or Unix seconds (default: now)." };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for each query's answer: 60s, 5m.", DefaultValueFactory = _ => "60s" };
        var command = new Command("traffic", "Write promptlint.traffic.json (calls a day and mean tokens per prompt id) from the meter's metrics in a Prometheus-compatible query API, or from its saved answers.")
        {
            prometheus, saved, window, queryFile, output, end, timeout,
        };
        CommandAction.Set(command, stderr, (result, cancellation) => new TrafficRunner(
            new TrafficOptions
            {
                Prometheus = result.GetValue(prometheus),
                SavedResponses = (result.GetValue(saved) ?? Array.Empty<string>()).ToList(),
                Window = result.GetValue(window) ?? "7d",
                QueryFile = result.GetValue(queryFile),
                OutputPath = result.GetValue(output) ?? "promptlint.traffic.json",
                End = result.GetValue(end),
                Timeout = result.GetValue(timeout) ?? "60s",
                CurrentDirectory = cwd,
                Token = Environment.GetEnvironmentVariable(PrometheusQueryApi.TokenVariable),
                Cancellation = cancellation,
            },
            stdout,
            stderr).RunAsync());
        return command;
    }
}
