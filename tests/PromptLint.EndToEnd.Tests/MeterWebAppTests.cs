using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// docs/meter.md's "Adding the meter", as a new user follows it, against the packed PromptLint.Meter and
/// PromptLint.Meter.AspNetCore: `dotnet new web`, the page's `dotnet add package` lines (PromptLint packages from the
/// local feed, everything else from the machine's sources), the page's Program.cs as it is, `dotnet build`, then
/// `dotnet run` against a local OpenAI-compatible stub. Metrics reach /metrics, a spent quota answers 429 with
/// Retry-After and ProblemDetails, an input over its budget 413.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class MeterWebAppTests
{
    private static readonly string[] MeterProjects = { "PromptLint.Contracts", "PromptLint.Counting", "PromptLint.Meter", "PromptLint.Meter.AspNetCore", "PromptLint.Meter.Redis" };
    private static readonly object PackLock = new();
    private static bool _packed;
    private readonly PackageFeed _feed;

    public MeterWebAppTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public async Task DocsWebApp_FromDotnetNewWeb_MetersCalls_AndAnswersRefusalsWith429And413()
    {
        var doc = File.ReadAllText(Path.Combine(_feed.RepoRoot, "docs", "meter.md"));
        var commands = Block(doc, "e2e:packages", "bash");
        var program = Block(doc, "e2e:program", "csharp");
        PackMeter();

        var directory = Path.Combine(_feed.Root, "web-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="promptlint-e2e" value="{_feed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        try
        {
            // The page's commands, literally; only the unpublished PromptLint packages get the feed's version.
            foreach (var line in commands.Split('\n').Select(l => Regex.Replace(l, @"\s+#.*$", string.Empty).Trim()).Where(l => l.Length > 0))
            {
                if (line.StartsWith("cd ", StringComparison.Ordinal))
                {
                    directory = Path.Combine(directory, line[3..].Trim());
                    continue;
                }

                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                Assert.Equal("dotnet", words[0]);
                if (words is [_, "add", "package", var id, ..] && id.StartsWith("PromptLint.", StringComparison.Ordinal))
                {
                    words.AddRange(new[] { "--version", _feed.Version });
                }

                var result = ProcessRunner.Run("dotnet", directory, TimeSpan.FromMinutes(5), null, words.Skip(1).ToArray());
                Assert.True(result.ExitCode == 0, $"'{string.Join(' ', words)}' failed:\n{result}");
            }

            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            var build = ProcessRunner.Run("dotnet", directory, TimeSpan.FromMinutes(8), null, "build", "-nologo", "-tl:off", "-nodeReuse:false");
            Assert.True(build.ExitCode == 0, "The page's Program.cs does not build:\n" + build);
            Assert.DoesNotMatch(new Regex(@"warning (CS|NU)\d+"), build.Output);

            using var openAi = new OpenAiStub(promptTokens: 150_000, completionTokens: 8);
            var port = FreePort();
            using var app = StartApp(directory, port, openAi.Endpoint);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilListeningAsync(http, app);

            // Two calls fit the 200,000-token quota when they start; the provider reports 150,008 tokens each, so the
            // tenant is at 300,016 after the second and the third is refused before it is sent.
            for (var i = 0; i < 2; i++)
            {
                using var answered = await AskAsync(http, "Where is my parcel?", "acme");
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
                Assert.Equal("Your parcel ships tomorrow.", await answered.Content.ReadAsStringAsync());
            }

            using var refused = await AskAsync(http, "And now?", "acme");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromHours(1), $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
            {
                var root = problem.RootElement;
                Assert.Equal(429, root.GetProperty("status").GetInt32());
                Assert.Equal("https://promptlint.dev/problems/quota-exceeded", root.GetProperty("type").GetString());
                Assert.Equal("acme", root.GetProperty("tenant").GetString());
                Assert.Equal("tokens", root.GetProperty("unit").GetString());
                Assert.Equal(200_000, root.GetProperty("limit").GetInt64());
                Assert.Equal(300_016, root.GetProperty("used").GetInt64());
                Assert.Equal("/ask", root.GetProperty("instance").GetString());
            }

            // Over MaxInputTokens (8,000): refused before it is sent, as 413 with no Retry-After.
            var longQuestion = string.Concat(Enumerable.Repeat("Where is my parcel? ", 2_500));
            using var tooLarge = await AskAsync(http, longQuestion, "globex");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Null(tooLarge.Headers.RetryAfter);
            using (var problem = JsonDocument.Parse(await tooLarge.Content.ReadAsStringAsync()))
            {
                Assert.Equal("https://promptlint.dev/problems/prompt-too-large", problem.RootElement.GetProperty("type").GetString());
                Assert.Equal(8_000, problem.RootElement.GetProperty("limit").GetInt32());
                Assert.Equal("faq.answer", problem.RootElement.GetProperty("promptId").GetString());
            }

            // Only the two admitted calls reached the provider, with the meter's output cap on the wire.
            Assert.Equal(2, openAi.Requests.Count);
            Assert.All(openAi.Requests, body => Assert.Contains("\"max_completion_tokens\":1024", body));

            // The metrics, as Prometheus scrapes them (the exporter may answer from a short cache: read until they show).
            var metrics = await ScrapeAsync(http, text => Sample(text, "promptlint_rejections_total", "promptlint_reason=\"input_budget\"") is not null);
            // Tokens per tenant and prompt id on promptlint.tokens; the GenAI histograms with the GenAI convention's tags only.
            Assert.Equal(300_000, Sample(metrics, "promptlint_tokens_total", "promptlint_token_type=\"input\"", "promptlint_tenant=\"acme\"", "promptlint_prompt_id=\"faq.answer\""));
            Assert.Equal(16, Sample(metrics, "promptlint_tokens_total", "promptlint_token_type=\"output\"", "promptlint_tenant=\"acme\""));
            Assert.Equal(300_000, Sample(metrics, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"input\""));
            Assert.Equal(2, Sample(metrics, "gen_ai_client_operation_duration_seconds_count", "gen_ai_request_model=\"gpt-4o-mini\""));
            Assert.DoesNotMatch(@"(?m)^gen_ai_client_[a-z_]+\{[^}]*promptlint_", metrics);
            Assert.True(Sample(metrics, "promptlint_cost_USD_total", "promptlint_tenant=\"acme\"") > 0, "No cost for tenant acme in /metrics:\n" + metrics);
            Assert.Equal(1, Sample(metrics, "promptlint_rejections_total", "promptlint_reason=\"quota\"", "promptlint_tenant=\"acme\""));
            Assert.Equal(1, Sample(metrics, "promptlint_rejections_total", "promptlint_reason=\"input_budget\"", "promptlint_tenant=\"globex\""));

            // The bucket boundaries are the meter's advice (the GenAI conventions'), applied by the SDK without views.
            var boundaries = Regex.Matches(metrics, @"^gen_ai_client_token_usage_bucket\{[^}]*gen_ai_token_type=""input""[^}]*le=""(?<le>[^""]+)""", RegexOptions.Multiline).Select(m => m.Groups["le"].Value);
            Assert.Equal("1 4 16 64 256 1024 4096 16384 65536 262144 1048576 4194304 16777216 67108864 +Inf", string.Join(' ', boundaries));
        }
        finally
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var project in MeterProjects)
            {
                TryDelete(Path.Combine(packages, project.ToLowerInvariant(), _feed.Version.ToLowerInvariant()));
            }
        }
    }

    // Issue 28: an application that keeps quotas in memory gets neither StackExchange.Redis (PromptLint.Meter.Redis) nor
    // YamlDotNet and the prompt-file front ends (PromptLint.Core); the meter counts with PromptLint.Counting.
    [Fact]
    public void MeterPackage_DependsOnNeitherRedisNorYamlNorCore_RedisPackageBringsRedis()
    {
        PackMeter();

        var meter = Dependencies("PromptLint.Meter");
        foreach (var group in meter)
        {
            Assert.DoesNotContain("StackExchange.Redis", group.Value);
            Assert.DoesNotContain("YamlDotNet", group.Value);
            Assert.DoesNotContain("PromptLint.Core", group.Value);
            Assert.Contains("PromptLint.Counting", group.Value);
            Assert.Contains("Microsoft.Extensions.AI", group.Value);
        }

        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, meter.Keys.Order(StringComparer.Ordinal));
        foreach (var group in Dependencies("PromptLint.Counting"))
        {
            Assert.DoesNotContain("YamlDotNet", group.Value);
        }

        foreach (var group in Dependencies("PromptLint.Meter.Redis"))
        {
            Assert.Contains("StackExchange.Redis", group.Value);
            Assert.Contains("PromptLint.Meter", group.Value);
        }
    }

    // The packed nuspec's dependency ids, per target framework group.
    private Dictionary<string, List<string>> Dependencies(string id)
    {
        var path = Path.Combine(_feed.FeedDirectory, $"{id}.{_feed.Version}.nupkg");
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        var entry = zip.GetEntry(id + ".nuspec") ?? throw new InvalidOperationException($"{path} has no {id}.nuspec.");
        using var stream = entry.Open();
        var nuspec = System.Xml.Linq.XDocument.Load(stream);
        return nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToDictionary(
            g => (string)g.Attribute("targetFramework")!,
            g => g.Elements().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList());
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient http, string question, string tenant)
        => http.PostAsync("/ask", new StringContent(JsonSerializer.Serialize(new { question, tenant }), Encoding.UTF8, "application/json"));

    // The fenced block of the given language that follows the marker comment in the page.
    private static string Block(string doc, string marker, string language)
    {
        var match = Regex.Match(doc, $@"<!-- {Regex.Escape(marker)}\b[^>]*-->\s*```{language}\n(?<code>.*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/meter.md has no ```{language} block after <!-- {marker} -->.");
        return match.Groups["code"].Value + "\n";
    }

    // Packed once per run: both tests read the same packages.
    private void PackMeter()
    {
        lock (PackLock)
        {
            if (!_packed)
            {
                PackMeterProjects();
                _packed = true;
            }
        }
    }

    private void PackMeterProjects()
    {
        foreach (var project in MeterProjects)
        {
            var pack = ProcessRunner.Dotnet(
                _feed.RepoRoot,
                "pack", Path.Combine(_feed.RepoRoot, "src", project, project + ".csproj"),
                "-c", "Release", "-o", _feed.FeedDirectory, $"-p:Version={_feed.Version}", "-nologo", "-tl:off");
            Assert.True(pack.ExitCode == 0, $"Packing {project} failed:\n{pack}");
        }
    }

    private static RunningApp StartApp(string directory, int port, Uri openAiEndpoint)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", "--no-build", "--no-launch-profile" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["OpenAI__ApiKey"] = "test-key";
        info.Environment["OpenAI__Endpoint"] = openAiEndpoint.ToString();
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningApp(process, output);
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, RunningApp app)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (app.Process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync("/metrics");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The app did not answer on /metrics (exited: {app.Process.HasExited}):\n{app.Output}");
    }

    private static async Task<string> ScrapeAsync(HttpClient http, Func<string, bool> complete)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 40 && !complete(text); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 500);
            text = await http.GetStringAsync("/metrics");
        }

        return text;
    }

    // The value of the one sample of a series whose labels include all of the given ones, or null.
    private static double? Sample(string metrics, string series, params string[] labels)
    {
        var found = metrics.Split('\n')
            .Where(l => l.StartsWith(series + "{", StringComparison.Ordinal) && labels.All(l.Contains))
            .ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {series} with {string.Join(", ", labels)}:\n{string.Join("\n", found)}");
        return found.Count == 0 ? null : double.Parse(found[0][(found[0].LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>`dotnet run` of the app, stopped with its process tree when disposed.</summary>
    private sealed class RunningApp(Process process, StringBuilder output) : IDisposable
    {
        public Process Process { get; } = process;

        public string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            Process.Dispose();
        }
    }

    /// <summary>An OpenAI-compatible /v1/chat/completions on 127.0.0.1 that answers every call with the same recorded completion.</summary>
    private sealed class OpenAiStub : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private readonly string _completion;

        public OpenAiStub(int promptTokens, int completionTokens)
        {
            _completion = $$$"""
                {"id":"chatcmpl-e2e","object":"chat.completion","created":1764990000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Your parcel ships tomorrow.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_e2e"}
                """;
            var port = FreePort();
            Endpoint = new Uri($"http://127.0.0.1:{port}/v1");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public Uri Endpoint { get; }

        public List<string> Requests { get; } = new();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var body = await reader.ReadToEndAsync();
                    lock (Requests)
                    {
                        Requests.Add(body);
                    }
                }

                var bytes = Encoding.UTF8.GetBytes(_completion);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
        }
    }
}
