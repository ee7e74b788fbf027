using System.Collections.Generic;
using System.IO;
using System.Linq;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Cli.Check;

/// <summary><c>--model-data FILE</c>: model, price and cache-rule overrides over the shipped catalogue (the build's PromptLintModelData).</summary>
internal static class ModelDataFile
{
    /// <summary>
    /// The catalogue in force, and the file's problems (reported as PL0101 findings, as the build reports them); false
    /// (after a line on standard error) when the file does not exist.
    /// </summary>
    public static bool TryLoad(string? given, string cwd, TextWriter error, out ModelCatalog catalog, out IReadOnlyList<(string Path, string Problem)> problems)
    {
        catalog = ModelCatalog.Shipped;
        problems = new List<(string, string)>();
        if (given is null)
        {
            return true;
        }

        var path = Path.GetFullPath(Path.Combine(cwd, given));
        if (!File.Exists(path))
        {
            error.WriteLine($"promptlint: the model data '{given}' does not exist");
            return false;
        }

        catalog = catalog.With(ModelCatalog.Parse(File.ReadAllText(path), out var parsed));
        problems = parsed.Select(problem => (path, problem)).ToList();
        return true;
    }
}
