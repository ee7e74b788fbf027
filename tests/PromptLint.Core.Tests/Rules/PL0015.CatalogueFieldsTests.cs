using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, fresh-set precision: a catalogue (folders of a repository, project templates) repeats one "name: value" line
/// because two of its items have the same value. That is a field of another item, not an instruction said twice.
/// </summary>
public sealed class CatalogueFieldsTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Fact]
    public void SameFieldLineUnderTwoFolderHeadings_DoesNotTrigger()
    {
        const string text = "# Layout\n\n## Server (src/server/)\n\n- **`logging/`**: Structured logs and request tracing for every service\n- **`auth/`**: Sign-in and tokens\n\n## Client (src/client/)\n\n- **`logging/`**: Structured logs and request tracing for every service\n- **`views/`**: Screens and dialogs\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SameFieldParagraphUnderTwoTemplateHeadings_DoesNotTrigger()
    {
        const string text = "## web-api\n\nAn HTTP service with a health endpoint.\n\nRequired tools: `dotnet-ef`, `dotnet-format`, `dotnet-outdated`\n\n## worker\n\nA background queue consumer.\n\nRequired tools: `dotnet-ef`, `dotnet-format`, `dotnet-outdated`\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SameFieldLineTwiceInOneSection_Triggers()
    {
        const string text = "## Rules\n\n- **Tone**: friendly, brief and free of jargon in every reply\n- **Length**: three sentences\n- **Tone**: friendly, brief and free of jargon in every reply\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void SameInstructionUnderTwoHeadings_StillTriggers()
    {
        const string text = "## Billing\n\nNever read out the customer's full card number or its security code.\n\n## Refunds\n\nNever read out the customer's full card number or its security code.\n";

        Assert.Single(Evaluate(text));
    }
}
