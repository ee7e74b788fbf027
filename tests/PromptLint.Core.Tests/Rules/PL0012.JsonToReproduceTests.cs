using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, ninth held-out round: JSON the model has to write out as it stands (a record it puts into a document it
/// produces, a block between a document template's markers, a block offered for copying, entries of a JSON file the
/// prompt names) is not asked to be minified; illustrations of a response or a script's output still are.
/// </summary>
public sealed class JsonToReproduceTests
{
    private const string Record = "{\n  \"status\": \"accepted\",\n  \"accepted_by\": \"reviewer\",\n  \"accepted_on\": \"2024-05-01\",\n  \"changes\": {\n    \"added\": [\n      \"T-4\",\n      \"T-7\"\n    ],\n    \"removed\": [\n      \"T-2\"\n    ]\n  },\n  \"notes\": \"none\"\n}";

    private static IReadOnlyList<RuleFinding> Rule(string text) => StaticTextRule.Findings("PL0012", null, PromptSegment.Static(text));

    [Theory]
    [InlineData("3. **Update the JSON review status** in Section 4:")]
    [InlineData("Append this record to the decision log:")]
    [InlineData("Write the entry into the report file:")]
    public void RecordTheModelPutsIntoItsDocument_DoesNotTrigger(string leadIn)
    {
        var text = "## Step 3: Close the review\n\n" + leadIn + "\n\n```json\n" + Record + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Fact]
    public void BlockBetweenTemplateStartAndEndMarkers_DoesNotTrigger()
    {
        var text = "### 5. Ticket data\n\n**State:** Draft\n\n<!-- TICKET_DATA_START -->\n```json\n" + Record + "\n```\n<!-- TICKET_DATA_END -->\n";

        Assert.Empty(Rule(text));
    }

    [Theory]
    [InlineData("### Problem details response (copy-paste)", "")]
    [InlineData("### Review record template", "")]
    [InlineData("### Review record", "Use this template:")]
    [InlineData("### Review record", "Copy this into the reply:")]
    public void BlockOfferedForCopying_DoesNotTrigger(string heading, string leadIn)
    {
        var text = "## Reviews\n\n" + heading + "\n\n" + leadIn + "\n\n```json\n" + Record + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Fact]
    public void EntriesOfAJsonFileNamedInTheProse_UnderAHeadingAboutThem_DoNotTrigger()
    {
        var entry = "{\n  \"kind\": \"script\",\n  \"run\": \"sh ./checks/lint.sh\",\n  \"limit\": 45\n}";
        var text = "# Writing triggers\n\n## Trigger kinds\n\n### Script triggers\n\n```json\n" + entry + "\n```\n\n## Where they go\n\nA plugin lists its triggers in `config/triggers.json`.\n";

        Assert.Empty(Rule(text));
    }

    [Theory]
    [InlineData("### Response structure", "The endpoint answers with:")]
    [InlineData("### Audit log", "Each run produces a JSON audit log:")]
    [InlineData("### Check results", "**Check output**:")]
    public void IllustrationOfAResponseOrAScriptsOutput_StillTriggers(string heading, string leadIn)
    {
        var text = "## Reference\n\n" + heading + "\n\n" + leadIn + "\n```json\n" + Record + "\n```\n";

        Assert.Single(Rule(text));
    }

    [Fact]
    public void HeadingWordThatIsNoNamedJsonFile_StillTriggers()
    {
        var text = "# Triggers\n\nA plugin lists its triggers in `config/triggers.json`.\n\n### Audit entries\n\nThe service returns:\n\n```json\n" + Record + "\n```\n";

        Assert.Single(Rule(text));
    }

    [Fact]
    public void MarkerThatEndsARegion_AboveTheBlock_StillTriggers()
    {
        var text = "### Data\n\n<!-- TICKET_DATA_END -->\n```json\n" + Record + "\n```\n";

        Assert.Single(Rule(text));
    }
}
