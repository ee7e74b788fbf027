using PromptLint.Credentials;

namespace PromptLint.Core.Tests.Credentials;

/// <summary>
/// The generic "secret assignment": a name ending in Key or Token is a credential's name unless the word before it
/// says what the value identifies (a file, a cache entry, a row, a page of results).
/// </summary>
public sealed class CompoundKeyNamesTests
{
    // Random-looking enough to pass the assignment's randomness checks; invented for these tests.
    private const string Value = "qW4eRt7YuI2oP9aSd5FgH3jK";

    [Theory]
    [InlineData("Call get_design(fileKey=\"" + Value + "\", nodeId=\"12:34\") to read the frame.")]
    [InlineData("Then open it again with fileKey=`" + Value + "`.")]
    [InlineData("cacheKey: " + Value)]
    [InlineData("partition_key = " + Value)]
    [InlineData("\"primaryKey\": \"" + Value + "\"")]
    [InlineData("sortKey=" + Value)]
    [InlineData("IDEMPOTENCY_KEY=" + Value)]
    [InlineData("objectKey: " + Value)]
    [InlineData("nodeKey=" + Value)]
    [InlineData("pageKey=" + Value)]
    [InlineData("nextPageToken: " + Value)]
    public void IdNamedByTheWordBeforeKey_IsNotACredential(string text)
    {
        Assert.Empty(CredentialShapes.Find(text));
    }

    [Theory]
    [InlineData("apiKey=\"" + Value + "\"")]
    [InlineData("secretKey: " + Value)]
    [InlineData("accessKey=" + Value)]
    [InlineData("privateKey = " + Value)]
    [InlineData("clientSecret: " + Value)]
    [InlineData("subscriptionKey=" + Value)]
    [InlineData("masterKey: " + Value)]
    [InlineData("accountKey=" + Value)]
    [InlineData("OPENAI_API_KEY=" + Value)]
    [InlineData("key: " + Value)]
    [InlineData("authToken=" + Value)]
    public void SecretNamedCompound_IsStillReported(string text)
    {
        var found = Assert.Single(CredentialShapes.Find(text));
        Assert.Equal("Secret assignment", found.Kind);
        Assert.Equal(Value, text.Substring(found.Index, found.Length));
    }
}
