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

    // Readable words once decoded: a sample's stand-in ("put-the-token-here"), not key material, which decodes to noise.
    [Theory]
    [InlineData("cHV0LXRoZS10b2tlbi1oZXJl")]
    [InlineData("cmVwbGFjZS13aXRoLXRva2Vu")]
    [InlineData("YXBwLWtleS12YWx1ZS1oZXJl")]
    [InlineData("ZmlsbC1tZS1pbi1sYXRlcg==")]
    public void Base64OfWords_InASecretManifest_IsASamplesStandIn_NotASecret(string encoded)
        => Assert.Empty(CredentialShapes.Find("kind: Secret\ndata:\n  api-token: " + encoded + "\n"));

    // A hand-written mock of a payment response: the "secret" is an id built from short pieces.
    [Theory]
    [InlineData("pi_908172_secret_xyz")]
    [InlineData("cs_2231987_secret_t1")]
    [InlineData("id-2024-07-k3y-991")]
    public void MockIdMadeOfShortPieces_AssignedToASecretName_IsNotASecret(string value)
        => Assert.Empty(CredentialShapes.Find("{ \"id\": \"x\", \"client_secret\": \"" + value + "\" }"));

    [Fact]
    public void GeneratedValueWithSeparators_AssignedToASecretName_IsStillASecret()
    {
        // Long random runs between the separators: key material, whatever joins it.
        Assert.Single(CredentialShapes.Find("client_secret: \"ord_Xk3pQ9vLm2Tz_secret_Hq7Rw4Ys8Np1Bd\""));
    }
}
