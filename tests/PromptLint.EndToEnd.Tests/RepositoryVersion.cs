namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// The version this commit packs as, computed the way the product build computes it (MinVer, from git tags:
/// eng/Versioning.props), through the same MSBuild query as <c>eng/version.sh</c>. Tests pack under a version of
/// their own built from its MAJOR.MINOR.PATCH, so nothing in them assumes a fixed number.
/// </summary>
public static class RepositoryVersion
{
    private static readonly Lazy<string> Packed = new(Compute);

    /// <summary>The full version, e.g. <c>0.2.0</c> on a tagged commit or <c>0.2.1-alpha.0.3</c> after it.</summary>
    public static string Full => Packed.Value;

    /// <summary>MAJOR.MINOR.PATCH of <see cref="Full"/>.</summary>
    public static string Core => Full.Split('-', '+')[0];

    private static string Compute()
    {
        var root = PackageFeed.FindRepoRoot();
        var result = ProcessRunner.Dotnet(
            root,
            "msbuild", Path.Combine(root, "src", "PromptLint.Package", "PromptLint.Package.csproj"),
            "-restore", "-t:MinVer", "-getProperty:PackageVersion", "-nologo", "-v:quiet");
        var version = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        if (result.ExitCode != 0 || !System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+([-+].*)?$"))
        {
            throw new InvalidOperationException("Could not read the version this commit packs as (MinVer):\n" + result);
        }

        return version;
    }
}
