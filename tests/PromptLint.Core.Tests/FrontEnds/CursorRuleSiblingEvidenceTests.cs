using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, fourth held-out round: a rule collection keeps Cursor rules outside <c>.cursor/rules/</c>, most of them
/// without front matter (Cursor's manually applied rules) beside a few with <c>globs</c>/<c>alwaysApply</c>. A folder
/// holding one Cursor rule by its front matter vouches for its <c>.mdc</c> siblings without front matter; a folder of
/// another tool's <c>.mdc</c> pages vouches for nothing.
/// </summary>
public sealed class CursorRuleSiblingEvidenceTests
{
    private const string Rule = "---\ndescription: Commit messages\nglobs: \"\"\nalwaysApply: false\n---\nWrite commit messages in the imperative mood.\n";
    private const string Manual = "# Review\n\nReview the staged changes for bugs and missing tests.\n";

    private static PromptFileKind Refine(PromptFileEvidence evidence, string path, string text, string kindName = PromptFileKinds.DetectKindName)
        => evidence.Refine(PromptFileKinds.Resolve(kindName, path, text.Length, () => text, 1_000_000), kindName, path, () => text);

    [Fact]
    public void MdcWithoutFrontMatter_BesideACursorRule_IsAnAgentFile()
    {
        var evidence = new PromptFileEvidence();
        evidence.Add("/repo/rules/commit.mdc", Rule);
        evidence.Add("/repo/rules/review.mdc", Manual);

        Assert.Equal(PromptFileKind.Agent, Refine(evidence, "/repo/rules/review.mdc", Manual));
        Assert.Equal(PromptFileKind.Agent, Refine(evidence, "/repo/rules/commit.mdc", Rule));
    }

    [Fact]
    public void MdcWithoutFrontMatter_AloneOrBesideAnotherToolsPages_IsNotTaken()
    {
        var evidence = new PromptFileEvidence();
        evidence.Add("/repo/rules/commit.mdc", Rule);
        evidence.Add("/repo/site/content/card.mdc", "---\ntitle: Card\n---\n::card\nA card.\n::\n");

        Assert.True(new PromptFileEvidence().IsEmpty);
        Assert.Equal(PromptFileKind.Unknown, Refine(evidence, "/repo/site/content/intro.mdc", Manual));
        Assert.Equal(PromptFileKind.Unknown, Refine(evidence, "/repo/other/review.mdc", Manual));
        Assert.Equal(PromptFileKind.Unknown, Refine(new PromptFileEvidence(), "/repo/rules/review.mdc", Manual));
    }

    [Fact]
    public void SiblingWithAnotherToolsFrontMatter_IsNotTaken()
    {
        var evidence = new PromptFileEvidence();
        evidence.Add("/repo/rules/commit.mdc", Rule);

        Assert.Equal(PromptFileKind.Unknown, Refine(evidence, "/repo/rules/page.mdc", "---\ntitle: A page\n---\nText.\n"));
    }
}
