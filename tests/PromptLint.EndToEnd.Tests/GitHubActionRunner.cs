using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PromptLint.EndToEnd.Tests;

/// <summary>What one run of the Action's step left behind: the runner's files and the process's streams.</summary>
public sealed record ActionResult(int ExitCode, string StandardOutput, string StandardError, string Summary, IReadOnlyDictionary<string, string> Outputs)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}\n--- summary\n{Summary}";
}

/// <summary>
/// Runs the repository's <c>action.yml</c> the way a GitHub runner runs a composite action's bash step: it reads the
/// step with id <c>check</c> from action.yml, resolves the <c>${{ inputs.* }}</c> and <c>${{ github.* }}</c>
/// expressions of its <c>env</c> (inputs not given take action.yml's defaults), writes its <c>run</c> script to a
/// file and runs it with <c>bash --noprofile --norc -eo pipefail</c>, with the runner's variables set
/// (GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_ACTION_PATH, GITHUB_API_URL).
/// </summary>
public sealed class GitHubActionRunner
{
    private static readonly Regex Expression = new(@"\$\{\{\s*(?<name>[^}\s]+)\s*\}\}", RegexOptions.CultureInvariant);

    private readonly string _actionPath;
    private readonly YamlMappingNode _inputs;
    private readonly YamlMappingNode _step;

    public GitHubActionRunner(string repoRoot)
    {
        _actionPath = repoRoot;
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(repoRoot, "action.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        _inputs = (YamlMappingNode)root["inputs"];
        var runs = (YamlMappingNode)root["runs"];
        Assert.Equal("composite", ((YamlScalarNode)runs["using"]).Value);
        _step = ((YamlSequenceNode)runs["steps"]).Children.OfType<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue(new YamlScalarNode("id"), out var id) && ((YamlScalarNode)id).Value == "check");
        Assert.Equal("bash", ((YamlScalarNode)_step["shell"]).Value);
    }

    /// <summary>The token the runner would hand the step as <c>github.token</c>.</summary>
    public string Token { get; init; } = "test-token-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The pull request's number (<c>github.event.pull_request.number</c>); null outside a pull request.</summary>
    public int? PullRequest { get; init; }

    /// <summary>GITHUB_API_URL, e.g. a local listener standing in for the GitHub REST API.</summary>
    public string ApiUrl { get; init; } = "http://127.0.0.1:9/";

    public ActionResult Run(string workspace, IReadOnlyDictionary<string, string> inputs)
    {
        foreach (var name in inputs.Keys)
        {
            Assert.True(_inputs.Children.ContainsKey(new YamlScalarNode(name)), $"action.yml has no input '{name}'");
        }

        var runner = Directory.CreateTempSubdirectory("promptlint-runner-").FullName;
        try
        {
            var outputFile = Path.Combine(runner, "output");
            var summaryFile = Path.Combine(runner, "summary");
            File.WriteAllText(outputFile, string.Empty);
            File.WriteAllText(summaryFile, string.Empty);
            var script = Path.Combine(runner, "step.sh");
            File.WriteAllText(script, ((YamlScalarNode)_step["run"]).Value!);

            var info = new ProcessStartInfo("bash")
            {
                WorkingDirectory = workspace,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", script })
            {
                info.ArgumentList.Add(argument);
            }

            // A clean runner environment: nothing of the test host's MSBuild, nor of a real GitHub job around this test.
            foreach (var key in info.Environment.Keys.ToList())
            {
                if (key.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("RUNNER_", StringComparison.OrdinalIgnoreCase)
                    || key.StartsWith("PROMPTLINT_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                    || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || key == "DOTNET_HOST_PATH")
                {
                    info.Environment.Remove(key);
                }
            }

            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            info.Environment["GITHUB_ACTIONS"] = "true";
            info.Environment["GITHUB_WORKSPACE"] = workspace;
            info.Environment["GITHUB_OUTPUT"] = outputFile;
            info.Environment["GITHUB_STEP_SUMMARY"] = summaryFile;
            info.Environment["GITHUB_ACTION_PATH"] = _actionPath;
            info.Environment["GITHUB_API_URL"] = ApiUrl.TrimEnd('/');
            info.Environment["GITHUB_REPOSITORY"] = "contoso/prompts";
            info.Environment["GITHUB_SERVER_URL"] = "https://github.com";
            info.Environment["GITHUB_RUN_ID"] = "1";
            info.Environment["RUNNER_TEMP"] = runner;
            foreach (var (key, value) in ((YamlMappingNode)_step["env"]).Children)
            {
                info.Environment[((YamlScalarNode)key).Value!] = Resolve(((YamlScalarNode)value).Value ?? string.Empty, inputs);
            }

            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The action's step did not finish in 8 minutes:\n{stdout}\n{stderr}");
            }

            process.WaitForExit();
            var outputs = File.ReadAllLines(outputFile)
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0])
                .ToDictionary(g => g.Key, g => g.Last()[1]);
            lock (stdout)
            {
                lock (stderr)
                {
                    return new ActionResult(process.ExitCode, stdout.ToString(), stderr.ToString(), File.ReadAllText(summaryFile), outputs);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(runner, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private string Resolve(string text, IReadOnlyDictionary<string, string> inputs)
        => Expression.Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            if (name == "github.token")
            {
                return Token;
            }

            if (name == "github.event.pull_request.number")
            {
                return PullRequest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }

            if (name.StartsWith("inputs.", StringComparison.Ordinal))
            {
                var input = name["inputs.".Length..];
                if (inputs.TryGetValue(input, out var given))
                {
                    return given;
                }

                var declared = (YamlMappingNode)_inputs[input];
                return declared.Children.TryGetValue(new YamlScalarNode("default"), out var value) ? Resolve(((YamlScalarNode)value).Value ?? string.Empty, inputs) : string.Empty;
            }

            throw new InvalidOperationException($"action.yml uses the expression '{m.Value}', which this test runner does not know: teach it, so the test keeps running the step as GitHub does.");
        });
}
