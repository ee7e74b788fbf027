using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Analyzers.CSharp;

/// <summary>From a found prompt to a <see cref="PromptTemplate"/>: folded messages, id, model and output cap.</summary>
internal static partial class CSharpPromptDiscovery
{
    private static PromptTemplate? ToTemplate(FoundPrompt prompt, ISymbol owner, TextFolder folder, RegisteredModels registered, (Func<IOperation, IOperation, bool> Matches, IOperation Value, string IdSuffix)? element, (Func<IOperation, IOperation?> Substitute, string Id, Location Location, int? Cap)? callSite, ref int ordinal, CancellationToken cancellationToken, out Location location, out Location? modelLocation, out Location? reorderLocation, out Location? sentModelLocation)
    {
        sentModelLocation = null;
        var messages = new List<PromptMessage>();
        ISymbol? firstMember = null;
        reorderLocation = null;
        var sawHole = false;
        foreach (var message in prompt.Messages)
        {
            var text = callSite is { } c ? folder.Fold(message.Text, c.Substitute, cancellationToken)
                : element is { } e ? folder.Fold(message.Text, o => e.Matches(o, e.Value) ? e.Value : null, cancellationToken)
                : folder.Fold(message.Text, cancellationToken);
            if (messages.Count == 0)
            {
                firstMember = text.SourceMember;
            }

            if (!sawHole && text.Segments.Any(s => s.IsHole))
            {
                sawHole = true;
                reorderLocation = ReorderableConcatenation(message.Text, folder, cancellationToken);
            }

            if ((message.Flavor ?? prompt.Flavor) is { } flavor)
            {
                // <message role="…"> tags in a Semantic Kernel template are the messages it sends.
                messages.AddRange(ChatMessagesOf(text.Segments, flavor) ?? new[] { new PromptMessage(message.Role, ExpandTemplate(text.Segments, flavor)) });
            }
            else
            {
                messages.Add(new PromptMessage(message.Role, text.Segments));
            }
        }

        location = prompt.Messages[0].Text.Syntax.GetLocation();
        modelLocation = prompt.Options.ModelLocation;
        if (messages.All(m => m.Segments.Count == 0))
        {
            return null;
        }

        string id;
        var attribute = firstMember is null ? null : PromptAttributeInfo.Read(firstMember);

        // A [Prompt] member is measured at its declaration under its own id; a call sending it is a prompt of the call,
        // so one id never stands for two different measurements.
        if (callSite is { } site)
        {
            // A caller's text sent through a helper: the call is the prompt.
            id = site.Id;
            location = site.Location;
        }
        else if (attribute is null && firstMember is not null && !(firstMember is IMethodSymbol { MethodKind: MethodKind.PropertyGet }) && firstMember.Locations.FirstOrDefault(l => l.IsInSource) is { } declared)
        {
            id = attribute?.Id ?? TextFolder.FullName(firstMember);
            location = declared;
        }
        else
        {
            id = TextFolder.FullName(owner) + "#" + TextFolder.Invariant(++ordinal);
        }

        id += element?.IdSuffix;

        // What the prompt declares about itself wins over what the call site says; a call naming another model is
        // kept as the model the prompt is sent to (PL0020 compares the two).
        // A client that comes from dependency injection sends to the one model the project registers, if it registers one.
        // A model the code names but only the running application knows (configuration, environment) is not the
        // registered one either: the project's default is assumed, and said so in the report.
        var model = attribute?.Model ?? prompt.Options.Model ?? (prompt.Options.ModelUnread ? null : KnownOrNull(registered.Model(cancellationToken)));
        string? sentModel = null;
        if (attribute?.Model is not null && prompt.Options.Model is not null)
        {
            sentModel = prompt.Options.Model;
            sentModelLocation = prompt.Options.ModelLocation;
        }

        if (attribute?.Model is not null || prompt.Options.Model is null)
        {
            modelLocation = null;
        }

        var cap = attribute?.MaxOutputTokens ?? prompt.Options.OutputCap ?? callSite?.Cap;
        var status = attribute?.MaxOutputTokens is not null ? OutputCapStatus.Declared : prompt.CapStatus;
        var template = Build(id, location, messages, model, null, cap, status, prompt.CapSetting, attribute?.Budget, sentModel);
        return model is null && prompt.Options.ModelUnread ? template.WithModelAssumed() : template;
    }

    // A model registered for dependency injection stands for the sends of injected clients only when PromptLint knows it:
    // a deployment name there is reported nowhere the user could act on it, so those sends keep the file's model.
    private static string? KnownOrNull(string? model) => model is not null && TokenizerRegistry.Shared.Resolve(model).KnownModel ? model : null;

    // "dynamic" + STATIC, where the static side can simply go first: the shape the PL0004 fix rewrites. Anything else
    // (holes inside a sentence, both sides dynamic) gets no fix, because its order may carry meaning.
    private static Location? ReorderableConcatenation(IOperation text, TextFolder folder, CancellationToken cancellationToken)
    {
        while (text is IConversionOperation or IParenthesizedOperation)
        {
            text = text is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)text).Operand;
        }

        if (text is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary || binary.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var left = folder.Fold(binary.LeftOperand, cancellationToken).Segments;
        var right = folder.Fold(binary.RightOperand, cancellationToken).Segments;
        return left.Any(s => s.IsHole) && right.Count > 0 && right.All(s => !s.IsHole) ? binary.Syntax.GetLocation() : null;
    }

    // The messages of a template's <message role="…"> tags, its C# holes kept where they are; null without tags.
    private static IReadOnlyList<PromptMessage>? ChatMessagesOf(IReadOnlyList<PromptSegment> segments, TemplateFlavor flavor)
    {
        const char Mark = '\uE000';
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsHole)
            {
                text.Append(Mark).Append(TextFolder.Invariant(i)).Append(Mark);
            }
            else
            {
                text.Append(segments[i].Text.Replace(Mark, ' '));
            }
        }

        var tagged = ChatPromptTags.Split(text.ToString());
        if (tagged.Count == 0)
        {
            return null;
        }

        var messages = new List<PromptMessage>();
        foreach (var (role, body) in tagged)
        {
            var parts = body.Split(Mark);
            var rebuilt = new List<PromptSegment>();
            for (var i = 0; i < parts.Length; i++)
            {
                // Odd parts are the index of a C# hole between two marks.
                if (i % 2 == 1 && int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hole) && hole < segments.Count)
                {
                    rebuilt.Add(segments[hole]);
                }
                else
                {
                    rebuilt.AddRange(TemplateSyntax.Split(parts[i], flavor));
                }
            }

            messages.Add(new PromptMessage(role, rebuilt));
        }

        return messages;
    }

    // Semantic Kernel templates spell holes in the text itself: {{$name}}, {{plugin.function}}.
    private static IReadOnlyList<PromptSegment> ExpandTemplate(IReadOnlyList<PromptSegment> segments, TemplateFlavor flavor)
    {
        var expanded = new List<PromptSegment>();
        foreach (var segment in segments)
        {
            expanded.AddRange(segment.IsHole ? new[] { segment } : TemplateSyntax.Split(segment.Text, flavor));
        }

        return expanded;
    }

    private static PromptTemplate Build(string id, Location location, IReadOnlyList<PromptMessage> messages, string? model, SourceLocation? modelLocation, int? outputCap, OutputCapStatus? status = null, string? capSetting = null, int? budget = null, string? sentModel = null)
    {
        var span = location.GetLineSpan();
        var source = new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        return new PromptTemplate(id, source, messages[0].Role, messages, model: model, modelLocation: modelLocation, outputCap: outputCap, outputCapStatus: status, outputCapSetting: capSetting, budget: budget, sentModel: sentModel);
    }
}
