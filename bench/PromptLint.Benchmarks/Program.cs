using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PromptLint.Benchmarks -- --filter '*'
// Benchmarks run in-process: a generated out-of-process project would sit inside this repository and inherit its
// central package management, which it cannot restore with.
var arguments = args.Contains("--inProcess") ? args : args.Append("--inProcess").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(PromptLint.Benchmarks.GeneratedProject).Assembly).Run(arguments);
