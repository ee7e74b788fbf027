using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Microsoft Agent Framework (<c>Microsoft.Agents.AI</c>): an agent made with instructions
/// (<c>new ChatClientAgent(chatClient, instructions: …)</c>, <c>chatClient.AsAIAgent(instructions: …)</c>, and
/// <c>CreateAIAgent(instructions: …)</c> of the provider packages) carries a system message wherever the agent goes;
/// <c>agent.RunAsync(…)</c> and <c>RunStreamingAsync(…)</c> send it first, then what the run is given.
/// </summary>
internal sealed class AgentFrameworkRecognizer : SdkRecognizer
{
    private static readonly string[] RunNames = { "RunAsync", "RunStreamingAsync" };

    private readonly INamedTypeSymbol? _agent;
    private readonly INamedTypeSymbol? _chatClientAgent;

    public AgentFrameworkRecognizer(Compilation compilation)
    {
        _agent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
        _chatClientAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgent");
    }

    public override bool IsReferenced => _agent is not null;

    public override IEnumerable<string> SyntaxHints { get; } = new[] { "ChatClientAgent", "AsAIAgent", "CreateAIAgent", "RunAsync", "RunStreamingAsync" };

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when SdkSymbol.IsOrDerives(creation.Type, _chatClientAgent) && Instructions(creation.Arguments) is { } text:
                sink.AddMessage(new FoundMessage(PromptRole.System, text, creation));
                break;
            case IInvocationOperation { TargetMethod.Name: "AsAIAgent" or "CreateAIAgent" } factory when SdkSymbol.IsOrDerives(factory.Type, _agent) && Instructions(factory.Arguments) is { } text:
                sink.AddMessage(new FoundMessage(PromptRole.System, text, factory));
                break;
            case IObjectCreationOperation creation when SdkSymbol.IsOrDerives(creation.Type, _chatClientAgent) && AgentChatOptions(creation.Arguments) is { } chatOptions
                && ValueTracking.Initialized(chatOptions).FirstOrDefault(i => i.Property.Name == "Instructions").Value is { } optionsText:
                // new ChatClientAgent(client, new ChatClientAgentOptions { ChatOptions = new() { Instructions = … } })
                sink.AddMessage(new FoundMessage(PromptRole.System, optionsText, creation));
                break;
            case IInvocationOperation { TargetMethod.Name: "AsAIAgent" or "CreateAIAgent" } factory when SdkSymbol.IsOrDerives(factory.Type, _agent) && AgentChatOptions(factory.Arguments) is { } chatOptions
                && ValueTracking.Initialized(chatOptions).FirstOrDefault(i => i.Property.Name == "Instructions").Value is { } optionsText:
                sink.AddMessage(new FoundMessage(PromptRole.System, optionsText, factory));
                break;
            case IInvocationOperation run when RunNames.Contains(run.TargetMethod.Name) && SdkSymbol.IsOrDerives(run.TargetMethod.ContainingType, _agent):
                sink.AddSend(run, "ChatOptions.MaxOutputTokens", textParameter: "message", receiverHoldsMessages: true);

                // The tools the agent was made with are offered on every run: they count with it as ChatOptions.Tools do.
                var madeWith = run.Instance is not null && ValueTracking.Source(run.Instance, default) is { } made ? ArgumentsOf(ValueTracking.Unwrap(made)).ToList() : new List<IArgumentOperation>();
                if (madeWith.FirstOrDefault(a => a.Parameter?.Name == "tools" && a.ArgumentKind == ArgumentKind.Explicit) is { } tools)
                {
                    sink.OptionsOfCall(run).ToolValues.Add(tools.Value);
                }

                // The agent's own ChatOptions, when visible, say the cap and the model of every run.
                if (AgentChatOptions(madeWith) is { } agentOptions)
                {
                    var runOptions = sink.OptionsOfCall(run);
                    foreach (var (property, value, origin) in ValueTracking.Initialized(agentOptions).Where(i => i.Property.Name != "Instructions"))
                    {
                        runOptions.Read(property, value, origin, isInstructions: false);
                    }
                }

                // The cap is the agent's (its ChatOptions) or the run's options: only an agent visibly made from plain
                // instructions, run without options, is known to send without one.
                if (!MadeFromInstructions(run.Instance) || run.Arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind != ArgumentKind.DefaultValue && ValueTracking.Unwrap(a.Value) is not IDefaultValueOperation and not ILiteralOperation))
                {
                    sink.OptionsOfCall(run).CapAssigned = true;
                }

                break;
        }
    }

    private static IEnumerable<IArgumentOperation> ArgumentsOf(IOperation agent) => agent switch
    {
        IObjectCreationOperation creation => creation.Arguments,
        IInvocationOperation { TargetMethod.Name: "AsAIAgent" or "CreateAIAgent" } factory => factory.Arguments,
        _ => Enumerable.Empty<IArgumentOperation>(),
    };

    // The ChatOptions creation inside a ChatClientAgentOptions argument, written inline or held in a local or member.
    private static IObjectCreationOperation? AgentChatOptions(IEnumerable<IArgumentOperation> arguments)
    {
        var options = arguments.FirstOrDefault(a => a.Parameter?.Type.Name == "ChatClientAgentOptions" && a.ArgumentKind == ArgumentKind.Explicit)?.Value;
        if (options is null || ValueTracking.Source(options, default) is not { } source || ValueTracking.Unwrap(source) is not IObjectCreationOperation agentOptions)
        {
            return null;
        }

        var chatOptions = ValueTracking.Initialized(agentOptions).FirstOrDefault(i => i.Property.Name == "ChatOptions").Value;
        return chatOptions is not null && ValueTracking.Source(chatOptions, default) is { } created ? ValueTracking.Unwrap(created) as IObjectCreationOperation : null;
    }

    private static IOperation? Instructions(IEnumerable<IArgumentOperation> arguments)
        => arguments.FirstOrDefault(a => a.Parameter is { Name: "instructions", Type.SpecialType: SpecialType.System_String } && a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;

    private bool MadeFromInstructions(IOperation? agent)
    {
        if (agent is null || ValueTracking.Source(agent, default) is not { } source)
        {
            return false;
        }

        return ValueTracking.Unwrap(source) switch
        {
            IObjectCreationOperation creation => SdkSymbol.IsOrDerives(creation.Type, _chatClientAgent) && creation.Arguments.All(a => a.Parameter?.Type.Name != "ChatClientAgentOptions"),
            IInvocationOperation factory => factory.TargetMethod.Name is "AsAIAgent" or "CreateAIAgent" && factory.Arguments.All(a => a.Parameter?.Type.Name != "ChatClientAgentOptions"),
            _ => false,
        };
    }
}
