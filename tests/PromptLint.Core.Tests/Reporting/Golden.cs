using System.Reflection;

namespace PromptLint.Core.Tests.Reporting;

/// <summary>
/// Golden files live in <c>Reporting/Golden/</c>, found through the project directory baked into the test assembly,
/// not <c>[CallerFilePath]</c>: CI builds map source paths to <c>/_/</c>, which made every golden file "missing" there.
/// </summary>
internal static class Golden
{
    private static readonly string Directory = Path.Combine(
        typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PromptLintTestProjectDir").Value!,
        "Reporting",
        "Golden");

    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        if (Environment.GetEnvironmentVariable("PROMPTLINT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run with PROMPTLINT_UPDATE_GOLDEN=1 once and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
