using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptLint.Contracts.Traffic;
using PromptLint.Shared;

namespace PromptLint.Cli.Traffic;

/// <summary>
/// <c>promptlint traffic</c>: asks a Prometheus-compatible query API (or reads its saved answers) for calls, input
/// tokens and output tokens per prompt id over a window, and writes the traffic file with the canonical writer. Every
/// failure is one line on standard error and exit code 2.
/// </summary>
internal sealed class TrafficRunner
{
    private readonly TrafficOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public TrafficRunner(TrafficOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _output = output;
        _error = error;
    }

    /// <summary>Runs the command; the exit code.</summary>
    public async Task<int> RunAsync()
    {
        if (TrafficDuration.Parse(_options.Window, "--window", out var problem) is not { } window
            || TrafficDuration.Parse(_options.Timeout, "--timeout", out problem) is not { } timeout)
        {
            return Fail(problem!);
        }

        if ((_options.Prometheus is null) == (_options.SavedResponses.Count == 0))
        {
            return Fail("give either --prometheus <base-url> (ask the query API) or --from-response <file> (read saved answers), not both and not neither.");
        }

        TrafficQueries queries;
        if (_options.QueryFile is { } queryFile)
        {
            if (TrafficQueries.Load(Path.Combine(_options.CurrentDirectory, queryFile), window, out problem) is not { } custom)
            {
                return Fail(problem!);
            }

            queries = custom;
        }
        else
        {
            queries = TrafficQueries.Default(window);
        }

        var answers = new Dictionary<TrafficQueryKind, string>();
        string source;
        if (_options.Prometheus is { } baseUrl)
        {
            if (ParseEnd(_options.End, _options.Now, out problem) is not { } end)
            {
                return Fail(problem!);
            }

            using var api = PrometheusQueryApi.Create(baseUrl, _options.Token, timeout.Span, out problem, _options.Handler);
            if (api is null)
            {
                return Fail(problem!);
            }

            foreach (var kind in TrafficQueryKinds.All)
            {
                if (queries.For(kind) is not { } promql)
                {
                    continue;
                }

                var (body, error) = await api.QueryAsync(promql, end, timeout.Span, _options.Cancellation).ConfigureAwait(false);
                if (body is null)
                {
                    return Fail($"{kind.Name()} query: {error}");
                }

                answers[kind] = body;
            }

            source = $"Prometheus query API {api.Display}: calls and tokens per promptlint_prompt_id over {window}";
        }
        else
        {
            if (ReadSaved(out problem) is not { } saved)
            {
                return Fail(problem!);
            }

            foreach (var pair in saved)
            {
                answers[pair.Key] = pair.Value.Text;
            }

            source = $"saved query API answers ({string.Join(", ", saved.OrderBy(p => p.Key).Select(p => p.Key.Name() + ": " + Path.GetFileName(p.Value.Path)))}) over {window}";
        }

        var vectors = new Dictionary<TrafficQueryKind, IReadOnlyList<PrometheusSample>>();
        foreach (var pair in answers)
        {
            if (PrometheusVector.Parse(pair.Value, out problem) is not { } samples)
            {
                return Fail($"{pair.Key.Name()} query: {problem}");
            }

            vectors[pair.Key] = samples;
        }

        if (!vectors.TryGetValue(TrafficQueryKind.Calls, out var calls))
        {
            return Fail("no answer to the calls query. Give --from-response calls=<file> (the answer to the calls query in docs/traffic.md).");
        }

        var notes = new List<string>();
        var file = TrafficBuilder.Build(calls, vectors.TryGetValue(TrafficQueryKind.Input, out var input) ? input : null, vectors.TryGetValue(TrafficQueryKind.Output, out var output) ? output : null, window, source, notes, out problem);
        if (file is null)
        {
            return Fail(problem!);
        }

        foreach (var note in notes)
        {
            _error.WriteLine("promptlint traffic: note: " + note);
        }

        var path = Path.Combine(_options.CurrentDirectory, _options.OutputPath);
        try
        {
            AtomicFile.WriteIfChanged(path, TrafficSerializer.Write(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"cannot write '{_options.OutputPath}': {ex.Message}");
        }

        var total = file.Prompts.Sum(p => p.CallsPerDay);
        _output.WriteLine($"Wrote {_options.OutputPath}: {file.Prompts.Count} prompt id(s), {total.ToString("#,0.##", CultureInfo.InvariantCulture)} calls a day in all, over {window} ending {file.WindowEnd!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");
        return ExitCodes.Ok;
    }

    // calls=FILE, input=FILE, output=FILE; a file without a name takes the next of calls, input, output.
    private Dictionary<TrafficQueryKind, (string Path, string Text)>? ReadSaved(out string? problem)
    {
        problem = null;
        var saved = new Dictionary<TrafficQueryKind, (string Path, string Text)>();
        var next = 0;
        foreach (var item in _options.SavedResponses)
        {
            var equals = item.IndexOf('=');
            var named = equals > 0 ? TrafficQueryKinds.Parse(item.Substring(0, equals)) : null;
            if (named is null && next >= TrafficQueryKinds.All.Length)
            {
                problem = $"--from-response '{item}': more than three answers. Give calls=FILE, input=FILE and output=FILE.";
                return null;
            }

            var kind = named ?? TrafficQueryKinds.All[next++];
            var path = named is null ? item : item.Substring(equals + 1);
            if (saved.ContainsKey(kind))
            {
                problem = $"--from-response: the {kind.Name()} answer is given twice ('{path}'). Give each of calls, input and output once.";
                return null;
            }

            saved[kind] = (path, string.Empty);
        }

        // Names first, then files: a repeated name is reported as such, whichever file is missing.
        foreach (var kind in saved.Keys.ToList())
        {
            var path = saved[kind].Path;
            try
            {
                saved[kind] = (path, File.ReadAllText(Path.Combine(_options.CurrentDirectory, path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problem = $"cannot read the saved {kind.Name()} answer '{path}': {ex.Message}";
                return null;
            }
        }

        return saved;
    }

    private static DateTimeOffset? ParseEnd(string? text, Func<DateTimeOffset> now, out string? problem)
    {
        problem = null;
        if (text is null)
        {
            // Whole seconds: the query's time and the file's window agree to the second.
            return DateTimeOffset.FromUnixTimeSeconds(now().ToUnixTimeSeconds());
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
        }

        problem = $"--end '{text}' is not a time: give ISO 8601 (2026-12-07T00:00:00Z) or Unix seconds.";
        return null;
    }

    private int Fail(string problem)
    {
        _error.WriteLine("promptlint traffic: " + problem);
        return ExitCodes.BadInput;
    }
}
