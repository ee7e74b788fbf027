using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// A file over the size limit (issue 29's held-out round: a 1 MB tool catalogue of a documentation site): found by the
/// default globs, it is not taken for a prompt and gets no PL0101; listed by a user, it keeps PL0101 with the limit.
/// </summary>
public class DefaultDiscoveryLimitsTests
{
    private const int Limit = 1_000;

    private static readonly string Catalogue = "[ { \"name\": \"search\", \"description\": \"" + new string('x', 2 * Limit) + "\", \"parameters\": { \"type\": \"object\" } } ]";

    [Theory]
    [InlineData("site/js/tools_catalog.json")]
    [InlineData("catalog_tools.json")]
    [InlineData("Prompts/huge.md")]
    [InlineData("big.prompty")]
    public void OversizeFileFoundByDefault_IsSkipped_WithoutReadingItsText(string path)
    {
        var kind = PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, Catalogue.Length, () => throw new InvalidOperationException("text read"), Limit);

        Assert.Equal(PromptFileKind.Unknown, kind);
        Assert.True(PromptFileKinds.SkippedAsTooLong(PromptFileKinds.DetectKindName, Catalogue.Length, Limit));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("tools")]
    [InlineData(null)]
    public void OversizeFileAUserListed_KeepsPL0101WithTheLimit(string? kindName)
    {
        var kind = PromptFileKinds.Resolve(kindName, "catalog_tools.json", Catalogue.Length, () => Catalogue, Limit);

        Assert.Equal(PromptFileKind.ToolSchema, kind);
        Assert.False(PromptFileKinds.SkippedAsTooLong(kindName, Catalogue.Length, Limit));
        var problem = Assert.Single(PromptFileReader.Read(new PromptFileInput("catalog_tools.json", "catalog_tools.json", Catalogue, limits: new PromptFileLimits(Limit)), kind).Problems);
        Assert.Contains("more than the 1,000 PromptLint reads", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileFoundByDefault_AtTheLimit_IsStillRead()
    {
        const string text = "[ { \"name\": \"search\", \"parameters\": { \"type\": \"object\" } } ]";

        Assert.Equal(PromptFileKind.ToolSchema, PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, "catalog_tools.json", text.Length, () => text, text.Length));
    }
}
