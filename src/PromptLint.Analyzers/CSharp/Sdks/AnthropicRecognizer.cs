using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Anthropic's official SDK: a <c>MessageCreateParams</c> request is a prompt complete where it is created, with its
/// <c>System</c> text, its <c>Messages</c> (<c>UserMessageParam</c> and <c>AssistantMessageParam</c> with text content or
/// <c>TextBlockParam</c>s, written inline or collected in a list first), <c>Model</c> and the <c>MaxTokens</c> the API
/// requires.
/// </summary>
internal sealed class AnthropicRecognizer : SdkRecognizer
{
    private readonly INamedTypeSymbol? _createParams;
    private readonly INamedTypeSymbol? _userMessage;
    private readonly INamedTypeSymbol? _assistantMessage;
    private readonly INamedTypeSymbol? _textBlock;
    private readonly INamedTypeSymbol? _messageParam;

    public AnthropicRecognizer(Compilation compilation)
    {
        _createParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
        _userMessage = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.UserMessageParam");
        _assistantMessage = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.AssistantMessageParam");
        _textBlock = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.TextBlockParam");
        _messageParam = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageParam");
    }

    public override bool IsReferenced => _createParams is not null;

    public override IEnumerable<string> SyntaxHints { get; } = new[] { "MessageCreateParams", "UserMessageParam", "AssistantMessageParam", "MessageParam" };

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        if (operation is not IObjectCreationOperation creation)
        {
            return;
        }

        if (SdkSymbol.Is(creation.Type, _createParams))
        {
            RecognizeRequest(creation, sink);
        }
        else if (RoleOf(creation) is { } role && !IsInRequest(creation))
        {
            // A message collected in a list before the request is made: it goes where the list goes.
            foreach (var text in Texts(creation))
            {
                sink.AddMessage(new FoundMessage(role, text, creation));
            }
        }
    }

    private void RecognizeRequest(IObjectCreationOperation creation, ICallSiteSink sink)
    {
        var prompt = new FoundPrompt(creation);
        var messages = new List<FoundMessage>();
        foreach (var (property, value, _) in ValueTracking.Initialized(creation))
        {
            var constant = ValueTracking.Unwrap(value).ConstantValue.Value;
            switch (property.Name)
            {
                case "System" when ValueTracking.Unwrap(value).Type?.SpecialType == SpecialType.System_String:
                    prompt.Messages.Insert(0, new FoundMessage(PromptRole.System, value, creation));
                    break;
                case "Messages":
                    var list = ValueTracking.Unwrap(value);
                    if (ValueTracking.KeyOf(list) is { } key && list is not IObjectCreationOperation && !IsCollection(list))
                    {
                        prompt.ContainerKeys.Add(key);
                    }
                    else
                    {
                        foreach (var message in list.DescendantsAndSelf().OfType<IObjectCreationOperation>())
                        {
                            if (RoleOf(message) is { } role)
                            {
                                messages.AddRange(Texts(message).Select(text => new FoundMessage(role, text, message)));
                            }
                        }
                    }

                    break;
                case "MaxTokens" when constant is long or int:
                    prompt.Options.OutputCap = Convert.ToInt32(constant, CultureInfo.InvariantCulture);
                    break;
                case "Model":
                    prompt.Options.ReadModel(value, default);
                    break;
            }
        }

        prompt.Messages.AddRange(messages);
        if (prompt.Messages.Count > 0 || prompt.ContainerKeys.Count > 0)
        {
            // Anthropic requires MaxTokens: it is never missing, only possibly above the configured ceiling.
            prompt.CapStatus = prompt.Options.OutputCap is null ? OutputCapStatus.Unknown : OutputCapStatus.Declared;
            prompt.CapSetting = "MaxTokens";
            sink.AddPrompt(prompt);
        }
    }

    private PromptRole? RoleOf(IObjectCreationOperation message)
    {
        var type = message.Type;
        if (SdkSymbol.Is(type, _userMessage))
        {
            return PromptRole.User;
        }

        if (SdkSymbol.Is(type, _assistantMessage))
        {
            return PromptRole.Assistant;
        }

        // Anthropic 12.x: MessageParam itself is settable, `new() { Content = "…", Role = Role.User }` (13.x made it a union
        // of UserMessageParam and AssistantMessageParam, matched above). A role that is not visible leaves the message out.
        if (SdkSymbol.Is(type, _messageParam)
            && ValueTracking.Initialized(message).FirstOrDefault(i => i.Property.Name == "Role").Value is { } role
            && ValueTracking.Unwrap(role) is IFieldReferenceOperation { Field.ContainingType.TypeKind: TypeKind.Enum } field)
        {
            return field.Field.Name switch
            {
                "User" => PromptRole.User,
                "Assistant" => PromptRole.Assistant,
                _ => null,
            };
        }

        return null;
    }

    // A message's text: Content given as a string (an implicit conversion in the SDK), or the TextBlockParams of a list.
    private IEnumerable<IOperation> Texts(IObjectCreationOperation message)
    {
        var content = ValueTracking.Initialized(message).FirstOrDefault(i => i.Property.Name == "Content").Value
                      ?? message.Arguments.FirstOrDefault(a => a.Parameter?.Name == "content")?.Value;
        if (content is null)
        {
            yield break;
        }

        var value = ValueTracking.Unwrap(content);
        if (value.Type?.SpecialType == SpecialType.System_String)
        {
            yield return value;
            yield break;
        }

        foreach (var block in value.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(b => SdkSymbol.Is(b.Type, _textBlock)))
        {
            var text = ValueTracking.Initialized(block).FirstOrDefault(i => i.Property.Name == "Text").Value
                       ?? block.Arguments.FirstOrDefault(a => a.Parameter?.Name == "text")?.Value;
            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private bool IsInRequest(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IObjectCreationOperation creation && SdkSymbol.Is(creation.Type, _createParams))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCollection(IOperation value)
        => value is IArrayCreationOperation || value.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionExpression);
}
