using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// PL0015 on the shapes of real prompt files (issue 15: measured on 430 public prompt files, 28 findings, 11 of them
/// repeats no reviewer counts as waste): few-shot examples that restate by design, data rows, code and requests outside
/// a fence. Written for the test in those shapes; a repeated instruction next to them is still reported.
/// </summary>
public sealed class ExampleMaterialTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private const string Instruction = "Always cite the policy section you used when you answer the customer.";

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Theory]
    // Two examples share their context; an example's output echoes its input.
    [InlineData("Judge whether the answer is grounded.\n\n## Example 1 Input:\nThe Oscars are presented every year by the Academy in Los Angeles.\n## Example 1 Output:\n1\n\n## Example 2 Input:\nThe Oscars are presented every year by the Academy in Los Angeles.\n## Example 2 Output:\n0\n")]
    [InlineData("Remove the names from the text.\n\n<context>\nThe king and the queen ruled the land in peace for many long and quiet years.\n</context>\n\nResponse:\nThe king and the queen ruled the land in peace for many long and quiet years.\n")]
    // The same format shown again for each section.
    [InlineData("- In a section called CORE, list the books in the following format:\n\n- Title, by Author. This book was chosen because it explains the basics well.\n\n- In a section called EXTENDED, list more books in the following format:\n\n- Title, by Author. This book was chosen because it explains the basics well.\n")]
    // Every few-shot input starts with the same heading line.
    [InlineData("# an assistant that helps with daily productivity.\nP.A.L. = Personal Assistant Light.\n# an assistant that helps with daily productivity.\nA.I.D.A. = Artificial Intelligence Digital Assistant.\n")]
    // Data rows in list form, code and YAML outside a fence, HTTP requests in examples.
    [InlineData("Output rows like these:\n- Contoso | Contoso sells office supplies to small firms. | https://contoso.com\n- Contoso | Contoso sells office supplies to small firms. | https://contoso.com\n")]
    [InlineData("Components look like this.\nconst props = defineProps<{ item: NavItem; open: boolean }>();\nAnd the other one.\nconst props = defineProps<{ item: NavItem; open: boolean }>();\n")]
    [InlineData("First rule:\nid: raw-example info: name: Test request severity: info author: someone\nSecond rule:\nid: raw-example info: name: Test request severity: info author: someone\n")]
    [InlineData("Request one:\nPOST /report?type=all&session=abc HTTP/1.1 Host: example.com with a body of json\nRequest two:\nPOST /report?type=all&session=abc HTTP/1.1 Host: example.com with a body of json\n")]
    public void ExampleMaterial_IsNotARepeatedInstruction(string text)
    {
        Assert.Empty(Evaluate(text));
        Assert.Single(Evaluate(text + "\n# RULES\n\n" + Instruction + "\n\n" + Instruction + "\n"));
    }

    [Fact]
    public void AnInstructionRepeatedAfterAnExampleSectionEnds_IsReported()
    {
        const string text = "Summarize the bill.\n\nEXAMPLES:\n\n1. The bill funds new schools.\n\nEND EXAMPLES\n\n- Give this as a set of short bullet points for each of the sections.\n\nEXAMPLES:\n\n1. The bill cuts taxes.\n\nEND EXAMPLES\n\n- Give this as a set of short bullet points for each of the sections.\n";

        Assert.Single(Evaluate(text));
    }
}
