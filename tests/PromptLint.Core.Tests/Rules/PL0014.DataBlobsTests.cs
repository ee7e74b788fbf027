using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class DataBlobsTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Guid = "3f2b8c1e-9a4d-4e7b-b1c2-7d9e0f6a5b43";
    private const string Key = "sk9Fq2LmZ7xR4tVbN8wK3pHc6YdJ1uGe5aQo0iTs";
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0014", settings, segments);

    [Fact]
    public void UuidKeyAndHash_AreReportedWithWhatTheyCost()
    {
        var text = $"Tenant {Guid} uses key {Key}. Verify the file hash {Sha} before answering.";
        Assert.Equal(new[] { ("UUID", Guid), ("base64", Key), ("hex", Sha) }, DataBlobs.Find(text));

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));

        var tokens = O200k.CountTokens(Guid) + O200k.CountTokens(Key) + O200k.CountTokens(Sha);
        Assert.Equal(tokens, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 3 data blobs in its static text (UUID, base64, hex) that cost {tokens} tokens per call ({Cost.Format(Cost.PerThousandCalls(tokens, 2.50m))} per 1K calls at gpt-4o's input price). Ids, data and secrets do not belong in instructions: pass the value in a hole when the call needs it, or remove it.",
            finding.Message);
    }

    [Theory]
    [InlineData("See https://contoso.example/api/v1/customers/orders/history/details for the schema.")]
    [InlineData("Use the InternationalizationConfigurationProviderFactoryBuilder class.")]
    [InlineData("Order ids look like ORD-2024-000123; invoice numbers like 2024/11/000045.")]
    [InlineData("Return the color as #1a2b3c and the version as 1.2.3.")]
    public void PathsIdentifiersAndShortNumbers_AreNotBlobs(string text)
    {
        Assert.Empty(DataBlobs.Find(text));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void ValuesInHoles_AreNeverRead_AndTheMinimumIsConfigurable()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Tenant: "), PromptSegment.Hole(Guid)));

        Assert.Single(Evaluate(null, PromptSegment.Static($"Tenant {Guid}.")));
        Assert.Empty(Evaluate(new RuleSettings { { DataBlobs.MinTokens, 100 } }, PromptSegment.Static($"Tenant {Guid}.")));
    }

    [Theory]
    [InlineData("Background reading: https://support.example.org/hc/en-us/articles/48213907765512-Link-Your-Code explains the mapping.")]
    [InlineData("See [the guide](https://docs.example.net/hc/en-gb/articles/77102938475610-Map-Tokens) first.")]
    [InlineData("Fetch <https://cdn.example.com/assets/Zk3Qp9LmW2xV7bN4cR8tY1hJ6dF0sG5aE3uKo7iPq2Lw/image.png> when asked.")]
    public void IdsAndSlugsInsideAUrl_AreNotBlobs(string text)
    {
        Assert.Empty(DataBlobs.Find(text));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void AHashInsideAUrl_IsStillReportedAsHex()
    {
        const string text = "Rules copied from https://gist.example.com/someone/raw/" + Sha + "/rules.txt before the edit.";
        Assert.Equal(new[] { ("hex", Sha) }, DataBlobs.Find(text));
    }

    [Fact]
    public void ARandomRunBesideAUrl_IsStillReported()
    {
        const string text = "Docs at https://example.com/help. Use the token " + Key + " for the call.";
        Assert.Equal(new[] { ("base64", Key) }, DataBlobs.Find(text));
    }
}
