using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Decides whether a send call caps its output (declared, missing or unknown) and, where it is missing, what the
/// output-cap code fix can do mechanically: add the cap to the options the call creates, or pass new options.
/// </summary>
internal static class OutputCapPlanner
{
    private static readonly string[] CapProperties = { "MaxOutputTokens", "MaxOutputTokenCount", "MaxTokens" };

    /// <summary>Fills in the prompt's cap status, cap setting and fix plan.</summary>
    /// <param name="send">The send call as its SDK describes it.</param>
    /// <param name="optionsArgument">The options passed explicitly, null when none are.</param>
    /// <param name="prompt">The prompt of the call, with the options facts already merged in.</param>
    public static void Plan(SendSite send, IOperation? optionsArgument, FoundPrompt prompt)
    {
        prompt.CapSetting = send.CapSetting;
        if (prompt.Options.OutputCap is not null || prompt.Options.CapAssigned)
        {
            prompt.CapStatus = OutputCapStatus.Declared;
            return;
        }

        if (optionsArgument is null)
        {
            prompt.CapStatus = OutputCapStatus.Missing;

            // Passing new options is mechanical only where the options parameter was left to its default.
            if (send.NewOptionsCapProperty is { } property && send.Call.Arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.DefaultValue))
            {
                prompt.Fix = new CapFixPlan(FixProperties.CapFixKinds.AddArgument, send.Call, property);
            }

            return;
        }

        // Options from a parameter, a field, a property or a call are unknown: only a visible creation can be read and fixed.
        var creation = ValueTracking.Unwrap(optionsArgument) switch
        {
            IObjectCreationOperation inline => inline,
            ILocalReferenceOperation local => ValueTracking.LocalInitializer(local) is { } init ? ValueTracking.Unwrap(init) as IObjectCreationOperation : null,
            _ => null,
        };
        if (creation is null)
        {
            prompt.CapStatus = OutputCapStatus.Unknown;
            return;
        }

        prompt.CapStatus = OutputCapStatus.Missing;
        var cap = CapProperties.FirstOrDefault(name => HasSettable(creation.Type, name) || HasSettable((creation.Type as INamedTypeSymbol)?.BaseType, name));
        if (cap is not null)
        {
            prompt.Fix = new CapFixPlan(FixProperties.CapFixKinds.AddToInitializer, creation, cap);
        }
    }

    private static bool HasSettable(ITypeSymbol? type, string name)
        => type?.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null) == true;
}
