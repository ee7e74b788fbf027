using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Core.Tests.Rules;
using PromptLint.Credentials;
using PromptLint.Tests.Credentials;

namespace PromptLint.Core.Tests.Credentials;

/// <summary>
/// The credential table, entry by entry: a realistic fake value of each family is found with its kind at its exact
/// span, and a near miss of each (placeholder, documented example, wrong length, missing context) stays silent.
/// </summary>
public sealed class CredentialShapesTests
{
    public static TheoryData<string> Kinds() => new(FakeCredentials.All().Select(c => c.Kind));

    private static (string Kind, string Text, string Secret, string NearMiss) Case(string kind) => FakeCredentials.All().Single(c => c.Kind == kind);

    [Fact]
    public void EveryFamilyOfTheTable_HasAFakeAndANearMiss()
    {
        Assert.Equal(CredentialShapes.All.Select(s => s.Kind).OrderBy(k => k, StringComparer.Ordinal), FakeCredentials.All().Select(c => c.Kind).OrderBy(k => k, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FakeCredential_IsFoundWithItsKindAtItsSpan(string kind)
    {
        var (_, text, secret, _) = Case(kind);

        var found = Assert.Single(CredentialShapes.Find(text));

        Assert.Equal(kind, found.Kind);
        Assert.Equal(secret, text.Substring(found.Index, found.Length));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NearMiss_StaysSilent(string kind)
    {
        Assert.Empty(CredentialShapes.Find(Case(kind).NearMiss));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FakeCredential_IsAPL0021WarningThatNamesItsKindNotItsValue_AndNoPL0014(string kind)
    {
        var (_, text, secret, _) = Case(kind);
        var segment = PromptSegment.Static("You are the release assistant.\n" + text + "\nAnswer briefly.");

        var finding = Assert.Single(StaticTextRule.Findings("PL0021", null, segment));
        Assert.Contains($"({kind})", finding.Message, StringComparison.Ordinal);
        Assert.Contains("revoke it", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, finding.Message, StringComparison.Ordinal);
        Assert.Equal(secret, finding.Evidence!.Value.Text);
        Assert.Empty(StaticTextRule.Findings("PL0014", new RuleSettings { { DataBlobs.MinTokens, 1 } }, segment));
    }

    [Fact]
    public void GitHubChecksum_IsTheCrc32OfTheRandomPartInBase62()
    {
        var random = FakeCredentials.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 30, 40);
        var checksum = CredentialShapes.Crc32Base62(random);

        Assert.True(CredentialShapes.HasValidCrc32Checksum(random + checksum));
        Assert.False(CredentialShapes.HasValidCrc32Checksum(random + (checksum[0] == 'A' ? 'B' : 'A') + checksum.Substring(1)));
    }

    [Fact]
    public void ATokenWithAValidChecksum_IsFoundEvenWhenItsCharactersRepeatALot()
    {
        // Low entropy, but the checksum says an issuer made it.
        var random = "aaaaabbbbbcccccdddddeeeeefffff";
        var token = "gh" + "p_" + random + CredentialShapes.Crc32Base62(random);

        Assert.Equal("GitHub token", Assert.Single(CredentialShapes.Find("token " + token)).Kind);
    }

    [Fact]
    public void TwoSecretsOfTwoFamilies_AreTwoFindings_InOrder()
    {
        var all = FakeCredentials.All().ToList();
        var text = all[2].Text + "\n" + all[9].Text;

        Assert.Equal(new[] { all[2].Kind, all[9].Kind }, CredentialShapes.Find(text).Select(f => f.Kind));
    }

    [Fact]
    public void Redact_ReplacesEachSecretWithItsKind_AndKeepsTheRest()
    {
        var (kind, text, secret, _) = Case("Azure Storage account key");

        var redacted = CredentialShapes.Redact(text, out var kinds);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("AccountKey=[REDACTED Azure Storage account key];EndpointSuffix=core.windows.net", redacted, StringComparison.Ordinal);
        Assert.Equal(new[] { kind }, kinds);
    }

    [Theory]
    [InlineData("The deploy finished at commit 3f2a9c1e7b6d4a5f8e0c2b1a9d8e7f6a5b4c3d2e.")]
    [InlineData("Use the header api-key and the query string sig= with a signature from the SDK.")]
    [InlineData("Connect with Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;")]
    [InlineData("Set password = \"hunter2\" only in the test fixture; token limit: 128000.")]
    [InlineData("The colour is #3f2a9c and the id is 550e8400-e29b-41d4-a716-446655440000.")]
    [InlineData("mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/")]
    [InlineData("Read the file at /var/lib/secrets/api_key_rotation_schedule_2024.txt")]
    public void ProseAndDocumentationShapes_DoNotTrigger(string text)
    {
        Assert.Empty(CredentialShapes.Find(text));
    }

    [Fact]
    public void ALongRunOfAnchorsAndKeyCharacters_IsScannedInLinearTime()
    {
        // Every family's anchor, then long runs of the characters their patterns take: a pattern that backtracks
        // quadratically would take minutes here (checked by the size, not by a clock: the call must return at all).
        var text = string.Concat(Enumerable.Repeat("AccountKey=sig=eyJ-----BEGIN PRIVATE KEY-----password=token: ://a:b@", 200)) + new string('A', 200_000) + string.Concat(Enumerable.Repeat("a:", 50_000));

        Assert.Empty(CredentialShapes.Find(text));
    }
}
