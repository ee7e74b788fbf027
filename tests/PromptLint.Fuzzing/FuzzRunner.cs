using System.Diagnostics;
using System.Globalization;
using System.Text;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Fuzzing;

/// <summary>A crash (an exception out of PromptLint) or a slow input, with what it takes to reproduce it.</summary>
public sealed record FuzzFailure(string Target, int Index, bool IsCrash, double Milliseconds, string Detail, string Input);

/// <summary>What one target's run found.</summary>
public sealed record FuzzTargetResult(string Target, int Inputs, int Crashes, int Slow, double SlowestMilliseconds, double TotalSeconds);

/// <summary>Runs seeded inputs through the targets. Deterministic: the same seed, counts and sources give the same inputs.</summary>
public static class FuzzRunner
{
    /// <summary>Runs <paramref name="inputsPerTarget"/> inputs through each target, on a thread with an analyzer thread's 1 MB stack.</summary>
    /// <param name="repoRoot">Where the seed files are (prompts-samples/, the test corpus, the shipped model data).</param>
    /// <param name="seed">The run's seed; input <c>i</c> of target <c>t</c> depends only on (seed, t, i).</param>
    /// <param name="inputsPerTarget">Inputs per target.</param>
    /// <param name="targets">Which targets (null: all).</param>
    /// <param name="maxSize">The size of the largest generated scalars and runs, in characters.</param>
    /// <param name="slowAfter">Inputs taking longer are reported as slow.</param>
    /// <param name="log">Progress lines (null: none).</param>
    public static (IReadOnlyList<FuzzTargetResult> Results, IReadOnlyList<FuzzFailure> Failures) Run(
        string repoRoot, int seed, int inputsPerTarget, IReadOnlyCollection<string>? targets, int maxSize, TimeSpan slowAfter, Action<string>? log)
    {
        var results = new List<FuzzTargetResult>();
        var failures = new List<FuzzFailure>();
        Exception? fatal = null;
        var worker = new Thread(
            () =>
            {
                try
                {
                    RunAll(repoRoot, seed, inputsPerTarget, targets, maxSize, slowAfter, log, results, failures);
                }
                catch (Exception ex)
                {
                    fatal = ex;
                }
            },
            maxStackSize: 1024 * 1024);
        worker.Start();
        worker.Join();
        if (fatal is not null)
        {
            throw new InvalidOperationException("The fuzz driver itself failed", fatal);
        }

        return (results, failures);
    }

    /// <summary>The input <paramref name="index"/> of <paramref name="target"/> (text, and config.json for skprompt.txt).</summary>
    public static (string Text, string? Companion) Input(FuzzTarget target, IReadOnlyList<Seed> seeds, int seed, int index, int maxSize)
    {
        var rng = new Random(unchecked((seed * 1_000_003) + (FuzzTargetIndex(target) * 7_919) + index));
        var pick = seeds.Count == 0 ? null : seeds[rng.Next(seeds.Count)];
        string text;
        if (pick is not null && rng.Next(100) < 55)
        {
            text = Mutations.Mutate(pick.Text, rng);
        }
        else
        {
            text = HostileInputs.Make(target, rng, maxSize);
        }

        var companion = pick?.Companion;
        if (companion is not null && rng.Next(3) == 0)
        {
            (text, companion) = (pick!.Text, rng.Next(3) switch
            {
                0 => Mutations.Mutate(companion, rng),
                1 => HostileInputs.ManyBadConfigValues(rng),
                _ => HostileInputs.Make(FuzzTarget.All.Single(t => t.Name == "model-data"), rng, maxSize),
            });
        }

        return (text, companion);
    }

    /// <summary>The files of the repository a target's inputs start from, in a fixed order.</summary>
    public static IReadOnlyList<Seed> Seeds(string repoRoot, FuzzTarget target)
    {
        var roots = new[] { "prompts-samples", Path.Combine("tests", "PromptLint.Core.Tests", "Corpus"), Path.Combine("src", "PromptLint.Contracts", "Pricing", "Data") };
        var seeds = new List<Seed>();
        foreach (var root in roots.Select(r => Path.Combine(repoRoot, r)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(repoRoot, file).Replace('\\', '/');
                var name = Path.GetFileName(file);
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || !target.IsSeed(name))
                {
                    continue;
                }

                if (target.Name == "skprompt")
                {
                    if (!name.Equals("skprompt.txt", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var config = Path.Combine(Path.GetDirectoryName(file)!, "config.json");
                    seeds.Add(new Seed(relative, File.ReadAllText(file), File.Exists(config) ? File.ReadAllText(config) : null));
                }
                else if (target.Name != "model-data" || relative.Contains("models", StringComparison.OrdinalIgnoreCase))
                {
                    seeds.Add(new Seed(relative, File.ReadAllText(file), null));
                }
            }
        }

        return seeds;
    }

    /// <summary>Formats the results as the Markdown table bench/ and tests/ record.</summary>
    public static string Table(IReadOnlyList<FuzzTargetResult> results, TimeSpan slowAfter)
    {
        var sb = new StringBuilder();
        sb.Append("| target | inputs | crashes | over ").Append(slowAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)).AppendLine(" s | slowest (ms) | total (s) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            sb.Append("| ").Append(r.Target).Append(" | ").Append(r.Inputs).Append(" | ").Append(r.Crashes).Append(" | ").Append(r.Slow).Append(" | ")
                .Append(r.SlowestMilliseconds.ToString("0", CultureInfo.InvariantCulture)).Append(" | ").Append(r.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).AppendLine(" |");
        }

        return sb.ToString();
    }

    private static void RunAll(
        string repoRoot, int seed, int inputsPerTarget, IReadOnlyCollection<string>? targets, int maxSize, TimeSpan slowAfter, Action<string>? log, List<FuzzTargetResult> results, List<FuzzFailure> failures)
    {
        foreach (var target in FuzzTarget.All.Where(t => targets is null || targets.Contains(t.Name)))
        {
            var seeds = Seeds(repoRoot, target);
            var crashes = 0;
            var slow = 0;
            var slowest = 0.0;
            var total = Stopwatch.StartNew();
            TokenizerRegistry? registry = null;
            for (var i = 0; i < inputsPerTarget; i++)
            {
                // A fresh registry now and then: its count cache keeps every text it has seen.
                if (i % 100 == 0)
                {
                    registry = new TokenizerRegistry();
                }

                var (text, companion) = Input(target, seeds, seed, i, maxSize);
                var watch = Stopwatch.StartNew();
                try
                {
                    target.Run(text, companion, registry!);
                }
                catch (Exception ex)
                {
                    crashes++;
                    failures.Add(new FuzzFailure(target.Name, i, true, watch.Elapsed.TotalMilliseconds, ex.ToString(), text));
                    log?.Invoke($"CRASH {target.Name} #{i}: {ex.GetType().Name}: {ex.Message} {Where(ex)}");
                }

                var ms = watch.Elapsed.TotalMilliseconds;
                slowest = Math.Max(slowest, ms);
                if (watch.Elapsed > slowAfter)
                {
                    slow++;
                    failures.Add(new FuzzFailure(target.Name, i, false, ms, $"took {ms:0} ms", text));
                    log?.Invoke($"SLOW {target.Name} #{i}: {ms:0} ms, {text.Length} characters");
                }
            }

            results.Add(new FuzzTargetResult(target.Name, inputsPerTarget, crashes, slow, slowest, total.Elapsed.TotalSeconds));
            log?.Invoke($"{target.Name}: {inputsPerTarget} inputs, {crashes} crashes, {slow} slow, slowest {slowest:0} ms, {total.Elapsed.TotalSeconds:0.0} s");
        }
    }

    // The innermost PromptLint frame of a crash, to tell crashes apart in the log.
    private static string Where(Exception ex)
        => ex.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at PromptLint.", StringComparison.Ordinal) && !l.StartsWith("at PromptLint.Fuzzing.", StringComparison.Ordinal)) ?? string.Empty;

    private static int FuzzTargetIndex(FuzzTarget target)
    {
        for (var i = 0; i < FuzzTarget.All.Count; i++)
        {
            if (ReferenceEquals(FuzzTarget.All[i], target))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A file the mutations start from.</summary>
public sealed record Seed(string Path, string Text, string? Companion);
