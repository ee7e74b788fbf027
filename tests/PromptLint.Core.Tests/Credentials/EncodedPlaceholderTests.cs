using PromptLint.Credentials;

namespace PromptLint.Core.Tests.Credentials;

/// <summary>
/// Third held-out round of issue 29 (a Cursor rule on Kubernetes): a Secret manifest in a code sample holds its data
/// base64-encoded, and a sample's value is a placeholder password once decoded. The same manifest with a random value
/// is still a secret.
/// </summary>
public sealed class EncodedPlaceholderTests
{
    [Fact]
    public void Base64OfAPlaceholderPassword_InASecretManifest_IsNotASecret()
    {
        // "staging-db-password", base64-encoded.
        const string manifest = "kind: Secret\ndata:\n  DB_PASSWORD: \"c3RhZ2luZy1kYi1wYXNzd29yZA==\" # readable by anyone with the repository\n";

        Assert.Empty(CredentialShapes.Find(manifest));
    }

    [Fact]
    public void Base64OfARandomValue_InASecretManifest_IsStillASecret()
    {
        const string manifest = "kind: Secret\ndata:\n  DB_PASSWORD: \"cThacjRUeEwwcFZ3Mm5Lc0ozbVk=\"\n";

        Assert.Single(CredentialShapes.Find(manifest));
    }
}
