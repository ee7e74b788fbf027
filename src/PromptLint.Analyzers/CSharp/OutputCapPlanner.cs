using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Decides whether a send call caps its output (declared, missing or unknown) and, where it is missing, what the
/// output-cap code fix can do mechanically: add the cap to the options the call creates, or pass new options. The plan
/// travels in the diagnostic's properties, so the fix recomputes nothing.
/// </summary>
internal static class OutputCapPlanner
{
    private static readonly string[] CapProperties = { "MaxOutputTokens", "MaxOutputTokenCount", "MaxTokens" };

    /// <summary>Fills in the prompt's cap status and fix plan.</summary>
    /// <param name="call">The send call.</param>
    /// <param name="optionsArgument">The options passed explicitly, null when none are.</param>
    /// <param name="newOptionsCapProperty">The cap property of new options a fix may pass (see <see cref="Sdks.ICallSiteSink.AddSend"/>).</param>
    /// <param name="prompt">The prompt of the call, with the options facts already merged in.</param>
    public static void Plan(IInvocationOperation call, IOperation? optionsArgument, string? newOptionsCapProperty, FoundPrompt prompt)
    {
        if (prompt.Options.OutputCap is not null || prompt.Options.CapAssigned)
        {
            prompt.CapStatus = OutputCapStatus.Declared;
            return;
        }

        if (optionsArgument is null)
        {
            prompt.CapStatus = OutputCapStatus.Missing;

            // Passing new options is mechanical only where the options parameter was left to its default.
            if (newOptionsCapProperty is not null && call.Arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.DefaultValue))
            {
                prompt.Fix = (FixProperties.CapFixKinds.AddArgument, call, newOptionsCapProperty);
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
            prompt.Fix = (FixProperties.CapFixKinds.AddToInitializer, creation, cap);
        }
    }

    /// <summary>The prompt's fix plan as diagnostic properties; null when it has none.</summary>
    public static ImmutableDictionary<string, string?>? PropertiesOf(FoundPrompt prompt)
        => prompt.Fix is { } fix ? ImmutableDictionary<string, string?>.Empty.Add(FixProperties.CapFix, fix.Kind).Add(FixProperties.CapProperty, fix.Property) : null;

    private static bool HasSettable(ITypeSymbol? type, string name)
        => type?.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null) == true;
}
