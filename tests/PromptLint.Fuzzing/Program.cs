using System.Globalization;
using PromptLint.Fuzzing;

// The long run (see README.md): dotnet run -c Release --project tests/PromptLint.Fuzzing -- --inputs 10000
var inputs = 10_000;
var seed = 1;
var maxSize = 2_000_000;
var slowAfter = TimeSpan.FromSeconds(1); // issue 30: each hostile file within 1 s
string? only = null;
string? saveTo = null;
int? onlyIndex = null;
var root = Directory.GetCurrentDirectory();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--inputs": inputs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--max-size": maxSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--target": only = args[i + 1]; break;
        case "--save": saveTo = args[i + 1]; break;
        case "--root": root = args[i + 1]; break;
        case "--slow-after-ms": slowAfter = TimeSpan.FromMilliseconds(int.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
        case "--only": onlyIndex = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

while (!Directory.Exists(Path.Combine(root, "prompts-samples")) && Path.GetDirectoryName(root) is { } parent)
{
    root = parent;
}

if (onlyIndex is { } index && only is not null)
{
    // One input, written out as a JSON string (it may hold lone surrogates) and run once, to reproduce a failure.
    var target = FuzzTarget.All.Single(t => t.Name == only);
    var (text, companion) = FuzzRunner.Input(target, FuzzRunner.Seeds(root, target), seed, index, maxSize);
    File.WriteAllText($"{only}-{index}.json", HostileInputs.JsonString(text));
    Console.WriteLine($"wrote {only}-{index}.json ({text.Length} characters{(companion is null ? string.Empty : ", with a config.json")})");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    target.Run(text, companion, new PromptLint.Counting.Tokenizers.TokenizerRegistry());
    Console.WriteLine($"ran it in {watch.ElapsedMilliseconds} ms");
    return 0;
}

Console.WriteLine($"seed {seed}, {inputs} inputs per target, scalars up to {maxSize:N0} characters, slow after {slowAfter.TotalSeconds} s");
var (results, failures) = FuzzRunner.Run(root, seed, inputs, only is null ? null : new[] { only }, maxSize, slowAfter, Console.WriteLine);
Console.WriteLine();
Console.Write(FuzzRunner.Table(results, slowAfter));
if (saveTo is not null && failures.Count > 0)
{
    Directory.CreateDirectory(saveTo);
    foreach (var f in failures)
    {
        // A JSON string: the inputs hold lone surrogates, which no encoding writes to a text file.
        File.WriteAllText(Path.Combine(saveTo, $"{f.Target}-{f.Index}.json"), HostileInputs.JsonString(f.Input));
        File.WriteAllText(Path.Combine(saveTo, $"{f.Target}-{f.Index}.txt"), f.Detail);
    }
}

return failures.Count == 0 ? 0 : 1;
