using System.Text;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0014 for data: URIs and base64 of regular data, which is not spread like random bytes (issue 15, item 6).</summary>
public sealed class DataUriAndEncodedBase64Tests
{
    private static readonly RuleSettings AnyBlob = new() { { DataBlobs.MinTokens, 1 } };

    [Fact]
    public void ADataUri_IsABlob_HoweverShortAndRegularItsPayload()
    {
        const string uri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var text = $"Use this logo in the header: {uri} and nothing else.";

        var blob = Assert.Single(DataBlobs.Find(text));
        Assert.Equal(("data: URI", uri), blob);
        var finding = Assert.Single(StaticTextRule.Findings("PL0014", AnyBlob, PromptSegment.Static(text)));
        Assert.Contains("(data: URI)", finding.Message);
        Assert.Equal(StaticTextRule.O200k.CountTokens(uri), finding.TokensSaved);
        Assert.Equal(text.IndexOf("data:", StringComparison.Ordinal), finding.Evidence!.Value.Start);
    }

    [Fact]
    public void Base64OfText_IsABlob_ThoughItsCharactersAreNotSpreadLikeRandomData()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("aaaa bbbb aaaa bbbb aaaa bbbb aaaa bbbb aaaa bbbb aaaa bbbb aaaa bbbb!!"));
        Assert.EndsWith("=", encoded);

        var blob = Assert.Single(DataBlobs.Find($"Decode this: {encoded}"));
        Assert.Equal(("base64", encoded), blob);
    }

    [Theory]
    // Paths, URLs, identifiers and slugs: no '=' padding, '/' far more often than base64's one in 64, or '_' and '-'.
    [InlineData("Read src/Contoso/Support/Refunds/RefundPolicyService/Handlers/Create/Validate/Rules/Amount2024.cs first.")]
    [InlineData("See https://learn.microsoft.com/dotnet/ai/quickstarts/build-chat-app/with-openai/and-more/step1 for details.")]
    [InlineData("Call ContosoSupportRefundPolicyServiceCreateRefundRequestHandlerValidatorForAmounts2024 once.")]
    [InlineData("Use the slug contoso-support-refund-policy-service-create-refund-request-handler-2024 in links.")]
    public void PathsUrlsAndIdentifiers_AreNoBlobs(string text)
    {
        Assert.Empty(DataBlobs.Find(text));
    }
}
