using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PromptLint.Benchmarks -- --filter '*'
// Benchmarks run in-process: a generated out-of-process project would sit inside this repository and inherit its
// central package management, which it cannot restore with.
if (args.Length >= 2 && args[0] == "generate")
{
    // generate <directory> [promptlint-version]: the benchmark's project on disk, for bench/build-overhead.sh.
    PromptLint.Benchmarks.GeneratedProject.WriteTo(args[1], args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length >= 2 && args[0] == "generate-files")
{
    // generate-files <directory> [promptlint-version]: 200 prompt files and no C#, for bench/build-overhead.sh.
    PromptLint.Benchmarks.GeneratedProject.WritePromptFilesTo(args[1], args.Length > 2 ? args[2] : null);
    return;
}

var arguments = args.Contains("--inProcess") ? args : args.Append("--inProcess").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(PromptLint.Benchmarks.GeneratedProject).Assembly).Run(arguments);
