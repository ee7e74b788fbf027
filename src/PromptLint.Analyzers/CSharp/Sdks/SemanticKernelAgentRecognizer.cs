using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Semantic Kernel agents (<c>Microsoft.SemanticKernel.Agents.Agent</c> and derived types such as
/// <c>ChatCompletionAgent</c>): the <c>Instructions</c> an agent is made with are a system message (Semantic Kernel
/// template syntax) that goes wherever the agent goes, and <c>agent.InvokeAsync(…)</c> / <c>InvokeStreamingAsync(…)</c>
/// send them first, then the run's <c>string</c> message (a user message), <c>ChatMessageContent</c> or messages.
/// </summary>
internal sealed class SemanticKernelAgentRecognizer : SdkRecognizer
{
    private const string CapSetting = "MaxTokens of the execution settings in the agent's Arguments";

    private readonly INamedTypeSymbol? _agent;
    private readonly INamedTypeSymbol? _executionSettings;

    public SemanticKernelAgentRecognizer(Compilation compilation)
    {
        _agent = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.Agent");
        _executionSettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptExecutionSettings");
    }

    public override bool IsReferenced => _agent is not null;

    // InvokeAsync is a common name (Blazor, the kernel itself): a hint only where an agent type exists.
    public override IEnumerable<string> SyntaxHints => _agent is null ? System.Array.Empty<string>() : new[] { "Instructions", "InvokeAsync", "InvokeStreamingAsync" };

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when SdkSymbol.IsOrDerives(creation.Type, _agent)
                && ValueTracking.Initialized(creation).FirstOrDefault(i => i.Property.Name == "Instructions").Value is { } instructions:
                // Held in a local, field or property, the instructions go with the agent into its runs; an agent made
                // inline (passed straight to a group chat) is a prompt of its instructions, as two agents there are two prompts.
                if (ValueTracking.ContainerOf(creation) is ISymbol)
                {
                    sink.AddMessage(new FoundMessage(PromptRole.System, instructions, creation, TemplateFlavor.SemanticKernel));
                }
                else
                {
                    sink.AddPrompt(FoundPrompt.Single(creation, PromptRole.System, instructions, TemplateFlavor.SemanticKernel));
                }

                break;
            case IInvocationOperation { TargetMethod.Name: "InvokeAsync" or "InvokeStreamingAsync" } run when SdkSymbol.IsOrDerives(run.TargetMethod.ContainingType, _agent):
                RecognizeRun(run, sink);
                break;
        }
    }

    private void RecognizeRun(IInvocationOperation run, ICallSiteSink sink)
    {
        sink.AddSend(run, CapSetting, textParameter: "message", receiverHoldsMessages: true);
        var options = sink.OptionsOfCall(run);

        // Execution settings the agent is made with (its Arguments) or the run is given (AgentInvokeOptions.KernelArguments),
        // when written where they can be read: their cap and model hold for the run.
        var agent = run.Instance is null ? null : ValueTracking.Source(run.Instance, default);
        var agentCreation = agent is null ? null : ValueTracking.Unwrap(agent) as IObjectCreationOperation;
        var visible = (agentCreation?.DescendantsAndSelf() ?? Enumerable.Empty<IOperation>()).Concat(run.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()));
        foreach (var settings in visible.OfType<IObjectCreationOperation>().Where(c => SdkSymbol.IsOrDerives(c.Type, _executionSettings)))
        {
            sink.ReadInitializer(settings, options);
        }

        // Settings held in a local and wrapped in the agent's KernelArguments, and the kernel whose plugins a function
        // choice behavior offers on every run.
        if (agentCreation is not null)
        {
            foreach (var local in agentCreation.Descendants().OfType<ILocalReferenceOperation>().Where(l => SdkSymbol.IsOrDerives(l.Type, _executionSettings)))
            {
                sink.KnownOptions(local)?.MergeInto(options);
            }

            options.Kernel ??= ValueTracking.Initialized(agentCreation).FirstOrDefault(i => i.Property.Name == "Kernel").Value;
        }

        // Only an agent visibly made without Arguments, run without options, is known to send without a cap: settings
        // that come from elsewhere (a KernelArguments local, the kernel's defaults) may carry one.
        var madeWithoutSettings = agentCreation is not null && SdkSymbol.IsOrDerives(agentCreation.Type, _agent)
            && ValueTracking.Initialized(agentCreation).All(i => i.Property.Name != "Arguments");
        var runWithoutOptions = run.Arguments.All(a => a.Parameter?.Name != "options" || a.ArgumentKind == ArgumentKind.DefaultValue || ValueTracking.Unwrap(a.Value) is IDefaultValueOperation or ILiteralOperation);
        if (!(madeWithoutSettings && runWithoutOptions))
        {
            options.CapAssigned = true;
        }
    }
}
