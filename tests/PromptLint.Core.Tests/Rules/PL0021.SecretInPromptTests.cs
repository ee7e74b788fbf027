using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0021: credentials with a known prefix in static text; the message never shows the secret.</summary>
public sealed class SecretInPromptTests
{
    // Built at run time so no credential-shaped literal sits in the repository.
    private static string Token(string prefix, int length) => prefix + new string(Enumerable.Range(0, length).Select(i => "aB3xK9mQ7tZ2pL5w"[(i * 7 + i / 3) % 16]).ToArray());

    public static TheoryData<string, string> Secrets() => new()
    {
        { Token("ghp_", 36), "GitHub token" },
        { Token("github_pat_", 60), "GitHub fine-grained token" },
        { Token("xoxb-", 24), "Slack token" },
        { "AKIA" + "Q7ZK3M9XW2PL5TB8", "AWS access key" },
        { Token("sk-proj-", 40), "OpenAI API key" },
        { Token("sk-ant-", 40), "Anthropic API key" },
        { Token("npm_", 36), "npm token" },
        { Token("rk_live_", 24), "Stripe secret key" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void KnownCredential_IsAWarningThatNamesItsKindNotItsValue(string secret, string kind)
    {
        var finding = Assert.Single(StaticTextRule.Findings("PL0021", null, PromptSegment.Static($"Use the token {secret} to call the build API.")));

        Assert.Contains($"({kind})", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Substring(secret.Length - 8), finding.Message, StringComparison.Ordinal);
        Assert.Equal(secret, finding.Evidence!.Value.Text);
    }

    [Theory]
    [InlineData("Set OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in your shell.")]
    [InlineData("The AWS docs use AKIAIOSFODNN7EXAMPLE as a sample key.")]
    [InlineData("Keys look like sk-your-key-here-0000000000000000000000000.")]
    [InlineData("Use the sk- prefix check and the ghp_ prefix check in the scanner.")]
    [InlineData("Ask for the task-ant-colony-simulation-results-for-the-paper.")]
    public void PlaceholdersAndProse_DoNotTrigger(string text)
    {
        Assert.Empty(StaticTextRule.Findings("PL0021", null, PromptSegment.Static(text)));
    }

    [Fact]
    public void SecretInAHole_IsNotRead()
    {
        Assert.Empty(StaticTextRule.Findings("PL0021", null, PromptSegment.Static("Token: "), PromptSegment.Hole("apiKey")));
    }
}
