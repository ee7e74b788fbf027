namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// The GitHub Action (action.yml, eng/action/promptlint-action.sh) run on a sample repository the way a runner runs
/// it: the tool installed from the packed feed (the sample's nuget.config names it, as a private feed would be named),
/// the runner's files and variables in place, the comment posted to a local stand-in for the GitHub REST API.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class GitHubActionTests
{
    private const string RefundHelper =
        "You help customers of a bicycle shop with refunds.\n" +
        "Please note that refunds are possible within thirty days of delivery.\n" +
        "Ask for the order number before anything else.\n";

    private const string RefundGrowth =
        "Always answer in the customer's language, and repeat the order number back to them before you look it up, so that they can correct a typo.\n" +
        "Keep every answer under five sentences, and never guess a delivery date you have not been given.\n";

    private const string SummarizePrompty = """
        ---
        name: Summarize
        description: Turns a repair note into a line for the shop's weekly digest.
        model:
          api: chat
          configuration:
            type: openai
            name: gpt-4o-mini
        ---
        system:
        You turn a mechanic's repair note into one plain sentence a customer understands.

        user:
        {{note}}
        """;

    private readonly PackageFeed _feed;

    public GitHubActionTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void SampleRepository_AnnotatesEachFinding_FillsTheSummaryAndOutputs_AndPassesAtFailOnError()
    {
        var repo = NewSampleRepository();
        var action = new GitHubActionRunner(_feed.RepoRoot);

        var result = action.Run(repo, Inputs());

        Assert.True(result.ExitCode == 0, result.ToString());
        var annotations = Lines(result.StandardOutput).Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Contains(annotations, l => l.StartsWith("::notice file=prompts/refund-helper.md,line=2,col=1,", StringComparison.Ordinal) && l.Contains("title=PL0013 "));
        Assert.Contains(annotations, l => l.StartsWith("::warning file=prompts/summarize.prompty,line=1,", StringComparison.Ordinal) && l.Contains("title=PL0003 "));
        Assert.DoesNotContain(annotations, l => l.StartsWith("::error", StringComparison.Ordinal));

        Assert.StartsWith("## PromptLint footprint: ", result.Summary);
        Assert.Contains("`prompts/refund-helper.md`", result.Summary);
        Assert.Contains("`prompts/summarize.prompty`", result.Summary);

        Assert.Equal(annotations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Outputs["findings"]);
        Assert.Equal("0", result.Outputs["errors"]);
        Assert.Equal("1", result.Outputs["warnings"]);
        Assert.Equal("pass", result.Outputs["verdict"]);
        Assert.Equal("0", result.Outputs["exit-code"]);
        Assert.False(result.Outputs.ContainsKey("comment-id"));
    }

    [Fact]
    public void Warning_FailsTheStepAtFailOnWarning_AndNeverAtFailOnNever()
    {
        var repo = NewSampleRepository();
        var action = new GitHubActionRunner(_feed.RepoRoot);

        var strict = action.Run(repo, Inputs(("fail-on", "warning")));
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Equal("fail", strict.Outputs["verdict"]);
        Assert.Equal("1", strict.Outputs["exit-code"]);
        Assert.StartsWith("## PromptLint footprint: ", strict.Summary); // the report is there for a failing step too

        var lenient = action.Run(repo, Inputs(("fail-on", "never"), ("severity", "PL0003=error")));
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("::error file=prompts/summarize.prompty,line=1,", lenient.StandardOutput);
        Assert.Equal("1", lenient.Outputs["errors"]);
        Assert.Equal("pass", lenient.Outputs["verdict"]);
        Assert.Equal("1", lenient.Outputs["exit-code"]);
    }

    [Fact]
    public void GrownPrompt_FailsOnItsPL0001Regression_UntilUpdateBaselineAcceptsIt()
    {
        var repo = NewSampleRepository();
        var action = new GitHubActionRunner(_feed.RepoRoot);

        var accept = action.Run(repo, Inputs(("update-baseline", "true")));
        Assert.True(accept.ExitCode == 0, accept.ToString());
        var baseline = Path.Combine(repo, "promptlint.baseline.json");
        Assert.Contains("prompts/refund-helper.md", File.ReadAllText(baseline));

        File.AppendAllText(Path.Combine(repo, "prompts", "refund-helper.md"), RefundGrowth);
        var grown = action.Run(repo, Inputs(("paths", "prompts")));
        Assert.True(grown.ExitCode == 1, grown.ToString());
        Assert.Contains("::error file=prompts/refund-helper.md,line=1,col=1,", grown.StandardOutput);
        Assert.Contains("title=PL0001 ", grown.StandardOutput);
        Assert.Equal("1", grown.Outputs["errors"]);
        Assert.Equal("fail", grown.Outputs["verdict"]);
        Assert.Contains("❌", grown.Summary);

        var accepted = action.Run(repo, Inputs(("update-baseline", "true")));
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        var again = action.Run(repo, Inputs());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("PL0001", again.StandardOutput);
    }

    [Fact]
    public void PullRequestComment_IsPostedOnce_ThenUpdatedInPlace_LeavingOtherCommentsAlone()
    {
        var repo = NewSampleRepository();
        var token = "test-token-" + Guid.NewGuid().ToString("N")[..8];
        using var api = new FakeGitHubApi(token);
        api.AddComment("Looks good to me.");
        api.AddComment("> <!-- promptlint-action -->\n> quoting the bot's report in a reply");
        var action = new GitHubActionRunner(_feed.RepoRoot) { Token = token, PullRequest = 7, ApiUrl = api.Url };

        var first = action.Run(repo, Inputs(("comment", "true")));
        Assert.True(first.ExitCode == 0, first.ToString());
        var posted = Assert.Single(api.Comments, c => c.Body.StartsWith("<!-- promptlint-action -->\n", StringComparison.Ordinal));
        Assert.Contains("## PromptLint footprint: ", posted.Body);
        Assert.Contains("`prompts/summarize.prompty`", posted.Body);
        Assert.Equal(posted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Outputs["comment-id"]);

        File.AppendAllText(Path.Combine(repo, "prompts", "refund-helper.md"), RefundGrowth);
        var second = action.Run(repo, Inputs(("comment", "true")));
        Assert.True(second.ExitCode == 0, second.ToString());

        Assert.Equal(3, api.Comments.Count);
        var updated = Assert.Single(api.Comments, c => c.Body.StartsWith("<!-- promptlint-action -->\n", StringComparison.Ordinal));
        Assert.Equal(posted.Id, updated.Id);
        Assert.NotEqual(posted.Body, updated.Body); // the grown prompt's new count
        Assert.Equal("Looks good to me.", api.Comments[0].Body);
        Assert.StartsWith("> <!-- promptlint-action -->", api.Comments[1].Body);
        Assert.Single(api.Requests, r => r.StartsWith("POST /repos/contoso/prompts/issues/7/comments", StringComparison.Ordinal));
        Assert.Single(api.Requests, r => r == $"PATCH /repos/contoso/prompts/issues/comments/{posted.Id}");
    }

    [Fact]
    public void CommentOutsideAPullRequest_IsSkipped_AndARejectedCommentDoesNotFailTheStep()
    {
        var repo = NewSampleRepository();
        using var api = new FakeGitHubApi("the-right-token");

        var push = new GitHubActionRunner(_feed.RepoRoot) { Token = "the-right-token", ApiUrl = api.Url }.Run(repo, Inputs(("comment", "true")));
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("not a pull request", push.StandardOutput);
        Assert.Empty(api.Requests);

        var rejected = new GitHubActionRunner(_feed.RepoRoot) { Token = "a-read-only-token", PullRequest = 7, ApiUrl = api.Url }.Run(repo, Inputs(("comment", "true")));
        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        Assert.Contains("::warning title=PromptLint comment::", rejected.StandardOutput);
        Assert.Empty(api.Comments);
    }

    [Fact]
    public void BadInput_StopsWithExitTwoAndAnErrorAnnotation()
    {
        var repo = NewSampleRepository();
        var action = new GitHubActionRunner(_feed.RepoRoot);

        var badLevel = action.Run(repo, Inputs(("fail-on", "sometimes")));
        Assert.True(badLevel.ExitCode == 2, badLevel.ToString());
        Assert.Contains("::error title=PromptLint action::fail-on is 'sometimes'", badLevel.StandardOutput);

        var missingPath = action.Run(repo, Inputs(("paths", "no-such-folder")));
        Assert.True(missingPath.ExitCode == 2, missingPath.ToString());
        Assert.Contains("::error title=PromptLint action::promptlint check stopped on bad input", missingPath.StandardOutput);
        Assert.Contains("no-such-folder", missingPath.StandardError + missingPath.StandardOutput);

        var badVersion = action.Run(repo, new Dictionary<string, string> { ["version"] = "0.0.0-no-such-version" });
        Assert.True(badVersion.ExitCode == 2, badVersion.ToString());
        Assert.Contains("::error title=PromptLint action::dotnet tool install PromptLint.Tool", badVersion.StandardOutput);
    }

    /// <summary>The inputs a workflow would give, with the tool pinned to the version just packed.</summary>
    private Dictionary<string, string> Inputs(params (string Name, string Value)[] inputs)
    {
        var all = new Dictionary<string, string> { ["version"] = _feed.Version };
        foreach (var (name, value) in inputs)
        {
            all[name] = value;
        }

        return all;
    }

    private string NewSampleRepository()
    {
        var repo = Path.Combine(_feed.Root, "action-repo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(repo, "prompts"));
        File.WriteAllText(Path.Combine(repo, "prompts", "refund-helper.md"), RefundHelper);
        File.WriteAllText(Path.Combine(repo, "prompts", "summarize.prompty"), SummarizePrompty.Replace("\r\n", "\n") + "\n");
        File.WriteAllText(Path.Combine(repo, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{_feed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        var init = ProcessRunner.Run("git", repo, TimeSpan.FromMinutes(2), null, "init", "-q");
        Assert.True(init.ExitCode == 0, init.ToString());
        return repo;
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));
}
