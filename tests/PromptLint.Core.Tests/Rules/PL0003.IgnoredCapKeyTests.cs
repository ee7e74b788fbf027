using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Contracts.Pricing;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, eighth held-out round: a <c>.prompt.yml</c> capped with <c>modelParameters.maxCompletionTokens</c> (declared in
/// actions/ai-inference's prompt type, sent by neither it nor gh models) is uncapped, and PL0003 says which key it saw
/// and which one is read, instead of only "no cap".
/// </summary>
public sealed class IgnoredCapKeyTests
{
    private static readonly TokenizerRegistry Registry = new();

    private static IReadOnlyList<RuleFinding> PL0003(string yaml)
    {
        var result = PromptFileReader.Read(new PromptFileInput("a.prompt.yml", "a.prompt.yml", yaml), PromptFileKind.GitHubModels);
        var template = Assert.Single(result.Templates);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == "PL0003")
            .ToList();
    }

    [Theory]
    [InlineData("maxCompletionTokens")]
    [InlineData("max_completion_tokens")]
    public void CapUnderAKeyTheToolsDoNotRead_NamesTheKeySeenAndTheOneRead(string key)
    {
        var finding = Assert.Single(PL0003($"model: openai/gpt-4o\nmodelParameters:\n  {key}: 900\nmessages:\n  - role: user\n    content: Triage the issue.\n"));

        Assert.StartsWith($"Prompt 'a.prompt.yml' caps its output with modelParameters.{key}, a key its tools do not read, so it is sent without a max output token cap", finding.Message);
        Assert.EndsWith("Rename the key to modelParameters.maxTokens (or max_tokens).", finding.Message);
    }

    [Fact]
    public void NoCapKeyAtAll_KeepsTheUsualMessage()
    {
        var finding = Assert.Single(PL0003("model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Triage the issue.\n"));

        Assert.StartsWith("Prompt 'a.prompt.yml' is sent without a max output token cap", finding.Message);
    }

    [Fact]
    public void MaxTokensBesideTheIgnoredKey_IsACap()
    {
        Assert.Empty(PL0003("model: openai/gpt-4o\nmodelParameters:\n  maxTokens: 500\n  maxCompletionTokens: 900\nmessages:\n  - role: user\n    content: Triage the issue.\n"));
    }
}
