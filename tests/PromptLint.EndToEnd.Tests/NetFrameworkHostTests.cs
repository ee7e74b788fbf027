using System.IO.Compression;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 19: the packed analyzer and code fixes in a .NET Framework host, the runtime Visual Studio runs them on. Mono
/// stands in for .NET Framework (installed by eng/install-mono.sh when missing; the test fails, never skips, when it
/// cannot be). Two hosts: tests/PromptLint.NetFrameworkHost, a net472 Roslyn workspace that loads every assembly of
/// the package's analyzers/dotnet/cs folder with Assembly.LoadFrom as Visual Studio does, analyzes a project and
/// applies a fix in a prompt file and one in C#; and csc.exe, the .NET Framework command-line compiler from
/// Microsoft.Net.Compilers.Toolset. What Mono cannot show (Visual Studio's binding redirects) is in docs/ide.md.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class NetFrameworkHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly PackageFeed _feed;

    public NetFrameworkHostTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void PackedAnalyzerAndFixes_LoadAndRun_InADotNetFrameworkWorkspace_AndTheCompiler()
    {
        var install = ProcessRunner.Run("bash", _feed.RepoRoot, Timeout, null, Path.Combine(_feed.RepoRoot, "eng", "install-mono.sh"));
        Assert.True(install.ExitCode == 0, "Mono could not be installed:\n" + install);
        var analyzers = Unpack();
        var host = Path.Combine(_feed.Root, "netfx-host");
        var build = ProcessRunner.Dotnet(_feed.RepoRoot, "build", Path.Combine(_feed.RepoRoot, "tests", "PromptLint.NetFrameworkHost", "PromptLint.NetFrameworkHost.csproj"), "-c", "Release", "-o", host, "-nologo", "-tl:off");
        Assert.True(build.ExitCode == 0, build.ToString());

        var run = ProcessRunner.Run("mono", host, Timeout, null, Path.Combine(host, "PromptLint.NetFrameworkHost.exe"), analyzers);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("FAILED", run.Output);
        Assert.Contains("LOADED PromptLint.Analyzers", run.Output);
        Assert.Contains("LOADED PromptLint.CodeFixes", run.Output);
        Assert.Contains("DIAGNOSTIC PL0011 /host/Prompts/triage.md 1", run.Output);
        Assert.Contains("DIAGNOSTIC PL0011 /host/C.cs 4", run.Output);
        Assert.Contains("FIXED PL0011 /host/Prompts/triage.md TidyPromptFileFix", run.Output);
        Assert.Contains("You triage support tickets.\\n\\nClassify each ticket as billing, bug or question.\\n", run.Output);
        Assert.Contains("FIXED PL0011 /host/C.cs TidyPromptLiteralFix", run.Output);
        Assert.Contains("\"You answer refund questions.\\n\\nCite the refund policy section you apply.\"", run.Output);

        // The .NET Framework compiler, as a command-line build on Windows without the .NET SDK's compiler server would run it.
        var project = Path.Combine(_feed.Root, "netfx-csc");
        Directory.CreateDirectory(Path.Combine(project, "Prompts"));
        File.WriteAllText(Path.Combine(project, "C.cs"), "public static class Marker { }\n");
        File.WriteAllText(Path.Combine(project, "Prompts", "triage.md"), "You triage support tickets.   \n\n\n\n\nClassify each ticket.\n");
        File.WriteAllText(Path.Combine(project, ".globalconfig"), $"is_global = true\nbuild_property.PromptLintProjectDirectory = {project}/\nbuild_property.PromptLintEmitMeasurements = true\npromptlint.budget = 5\n\n[{project}/Prompts/triage.md]\nbuild_metadata.AdditionalFiles.PromptLintKind = auto\n");
        var csc = Path.Combine(NuGetPackages(), "microsoft.net.compilers.toolset", "4.14.0", "tasks", "net472", "csc.exe");
        var arguments = new List<string> { csc, "-nologo", "-noconfig", "-nostdlib", "-target:library", "-out:" + Path.Combine(project, "C.dll"), "-reference:/usr/lib/mono/4.5/mscorlib.dll", "-reference:/usr/lib/mono/4.5/Facades/netstandard.dll" };
        arguments.AddRange(Directory.GetFiles(analyzers, "*.dll").Order(StringComparer.Ordinal).Select(a => "-analyzer:" + a));
        // With an error log csc prints info diagnostics too, as MSBuild builds (which pass one) do.
        arguments.AddRange(new[] { "-additionalfile:" + Path.Combine(project, "Prompts", "triage.md"), "-analyzerconfig:" + Path.Combine(project, ".globalconfig"), "-errorlog:" + Path.Combine(project, "C.sarif"), "C.cs" });

        var compiled = ProcessRunner.Run("mono", project, Timeout, null, arguments.ToArray());

        Assert.DoesNotMatch(@"\b(CS8032|CS8784|AD0001)\b", compiled.Output);
        Assert.Contains("Prompts/triage.md(1,1): error PL0007: Prompt 'Prompts/triage.md' needs up to", compiled.Output);
        Assert.True(compiled.Output.Contains("Prompts/triage.md(1,1): info PL9000: Prompt 'Prompts/triage.md' sends", StringComparison.Ordinal), compiled.ToString());
        Assert.Contains("\"ruleId\": \"PL9000\"", File.ReadAllText(Path.Combine(project, "C.sarif")));
        Assert.Equal(1, compiled.ExitCode);
    }

    private string Unpack()
    {
        var folder = Path.Combine(_feed.Root, "netfx-package");
        if (!Directory.Exists(folder))
        {
            ZipFile.ExtractToDirectory(_feed.PackagePath, folder);
        }

        return Path.Combine(folder, "analyzers", "dotnet", "cs");
    }

    private static string NuGetPackages()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
