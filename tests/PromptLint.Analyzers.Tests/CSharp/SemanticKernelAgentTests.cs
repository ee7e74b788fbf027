using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Semantic Kernel's agent group chat (issue 33, item 2): the selection and termination strategy templates. The
/// registry this project restores from does not serve Microsoft.SemanticKernel.Agents.Core, so the one static method
/// is declared here with the signature of the SDK's public API (Microsoft.SemanticKernel.Agents.AgentGroupChat,
/// SK 1.45 and later); the template syntax and KernelFunction are the real Semantic Kernel's.
/// </summary>
public class SemanticKernelAgentTests
{
    private const string AgentGroupChatApi = """

        namespace Microsoft.SemanticKernel.Agents
        {
            public sealed class AgentGroupChat
            {
                public static Microsoft.SemanticKernel.KernelFunction CreatePromptFunctionForStrategy(string template, Microsoft.SemanticKernel.IPromptTemplateFactory? templateFactory = null, params string[] safeParameterNames)
                    => throw new System.NotImplementedException();
            }
        }
        """;

    [Fact]
    public async Task SelectionStrategyTemplate_IsAPromptWithItsTemplateVariablesAsHoles_AndNoPL0003()
    {
        // The strategy's function gets its settings from the strategy's Arguments, elsewhere: no cap is known missing.
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithProperty("PromptLintEmitMeasurements", "true").WithSource(""""
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;

            public static class Strategies
            {
                public static KernelFunction Selection()
                    => AgentGroupChat.CreatePromptFunctionForStrategy(
                        """
                        Decide who speaks next: Writer or Reviewer.
                        Answer with the name only.

                        History:
                        {{$history}}
                        """,
                        safeParameterNames: "history");
            }
            """" + AgentGroupChatApi);
        var tokens = Tokens("Decide who speaks next: Writer or Reviewer.\nAnswer with the name only.\n\nHistory:\n");
        test.ExpectedDiagnostics.Add(Measured(8, 13, "Strategies.Selection#1", tokens, tokens, 1));
        await test.RunAsync();
    }
}
