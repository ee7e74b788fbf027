using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>A throw-away project that references the packed PromptLint from a local folder feed.</summary>
public sealed class Consumer
{
    private readonly PackageFeed _feed;

    public Consumer(PackageFeed feed, string directory, string name, string targetFrameworks = "net10.0")
    {
        _feed = feed;
        Directory = directory;
        Name = name;
        System.IO.Directory.CreateDirectory(directory);

        // Adds the local feed without <clear/>: the machine's own sources still resolve everything else.
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="promptlint-e2e" value="{feed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        SetProject(targetFrameworks);
        Write("Library.cs", "namespace Contoso.Support { public static class Marker { } }\n");
    }

    public string Directory { get; }

    public string Name { get; }

    public string BaselinePath => Path.Combine(Directory, "promptlint.baseline.json");

    public string ReportPath => Path.Combine(Directory, "obj", "promptlint", "report.json");

    /// <summary>
    /// Builds, asserts the build succeeded without PL0101, and returns the report with the prompt files it measured
    /// (C# prompts left out): id → static tokens. The shape every format-discovery test checks.
    /// </summary>
    public (ProcessResult Result, System.Text.Json.JsonElement Report, Dictionary<string, int> Measured) BuildPromptFiles()
    {
        var result = Build();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Diagnostics(result, "PL0101"));
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(ReportPath)).RootElement;
        var measured = report.GetProperty("prompts").EnumerateArray()
            .Where(p => p.GetProperty("file").GetString() is { } file && !file.EndsWith(".cs", StringComparison.Ordinal))
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("staticTokens").GetInt32());
        return (result, report, measured);
    }

    public void SetProject(string targetFrameworks, string extra = "", string packageReferences = "")
    {
        var property = targetFrameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework";
        Write(Name + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <{property}>{targetFrameworks}</{property}>
                {extra}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PromptLint" Version="{_feed.Version}" PrivateAssets="all" />
                {packageReferences}
              </ItemGroup>
            </Project>
            """);
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    public ProcessResult Build(params string[] properties) => BuildWith(null, properties);

    /// <summary>Builds with extra environment variables (a CI's, say); properties are "Name=Value" or raw switches starting with '-'.</summary>
    public ProcessResult BuildWith(IReadOnlyDictionary<string, string>? environment, params string[] properties)
    {
        var arguments = new List<string> { "build", "-nologo", "-tl:off", "-nodeReuse:false" };
        arguments.AddRange(properties.Select(p => p.StartsWith('-') ? p : "-p:" + p));
        var result = ProcessRunner.Run("dotnet", Directory, TimeSpan.FromMinutes(8), environment, arguments.ToArray());
        AssertLoadedCleanly(result);
        return result;
    }

    /// <summary>The analyzer and its dependencies loaded and ran: no CS8032 (cannot load), no AD0001 (crashed), no MSB4062 (task).</summary>
    public static void AssertLoadedCleanly(ProcessResult result)
    {
        Assert.DoesNotMatch(new Regex(@"\b(CS8032|AD0001|CS8784|MSB4062|MSB4018)\b"), result.Output);
    }

    /// <summary>Diagnostics of one id as the build printed them: file(line,col): severity ID: message.</summary>
    public static IReadOnlyList<Match> Diagnostics(ProcessResult result, string id)
        => Regex.Matches(result.Output, $@"^(?<file>[^\r\n(]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning|info) {id}: (?<message>[^\r\n]*?)(?: \(http[^)]*\))? \[[^\]\r\n]+\]\r?$", RegexOptions.Multiline)
            .GroupBy(m => m.Value)
            .Select(g => g.First())
            .ToList();
}
