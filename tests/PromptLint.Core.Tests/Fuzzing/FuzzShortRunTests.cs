using PromptLint.Fuzzing;
using Xunit.Abstractions;

namespace PromptLint.Core.Tests.Fuzzing;

/// <summary>
/// The fuzz harness's short run, part of every test run: a few thousand seeded hostile inputs through every front end,
/// measuring, every rule, the prompt-file fixes, the baseline reader and the model-data reader, with no crash. How long
/// inputs take is the long run's business (tests/PromptLint.Fuzzing/README.md), never asserted here.
/// </summary>
public class FuzzShortRunTests(ITestOutputHelper output)
{
    private const int Seed = 20261205;
    private const int InputsPerTarget = 400;

    [Fact]
    public void ShortRun_NoInputCrashesAnyTarget()
    {
        var (results, failures) = FuzzRunner.Run(TestPaths.RepoRoot, Seed, InputsPerTarget, null, maxSize: 100_000, slowAfter: TimeSpan.MaxValue, log: null);

        output.WriteLine(FuzzRunner.Table(results, TimeSpan.MaxValue));
        Assert.Equal(FuzzTarget.All.Select(t => t.Name), results.Select(r => r.Target));
        Assert.All(results, r => Assert.Equal(InputsPerTarget, r.Inputs));
        var crashes = failures.Where(f => f.IsCrash).ToList();
        Assert.True(crashes.Count == 0, string.Join("\n\n", crashes.Take(3).Select(c => $"{c.Target} #{c.Index} (seed {Seed}):\n{c.Detail}")));
    }

    [Fact]
    public void EveryTarget_HasRealFilesToMutate()
    {
        // A target without seeds would only ever see generated text: the mutations of real files would silently stop.
        Assert.All(FuzzTarget.All, t => Assert.NotEmpty(FuzzRunner.Seeds(TestPaths.RepoRoot, t)));
        Assert.All(FuzzRunner.Seeds(TestPaths.RepoRoot, FuzzTarget.All.Single(t => t.Name == "skprompt")), s => Assert.EndsWith("skprompt.txt", s.Path));
    }

    [Fact]
    public void Inputs_AreDeterministic()
    {
        foreach (var target in FuzzTarget.All)
        {
            var seeds = FuzzRunner.Seeds(TestPaths.RepoRoot, target);
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(FuzzRunner.Input(target, seeds, Seed, i, 10_000), FuzzRunner.Input(target, seeds, Seed, i, 10_000));
            }

            Assert.NotEqual(FuzzRunner.Input(target, seeds, Seed, 0, 10_000), FuzzRunner.Input(target, seeds, Seed + 1, 0, 10_000));
        }
    }
}
