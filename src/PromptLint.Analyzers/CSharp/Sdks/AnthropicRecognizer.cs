using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Anthropic's official SDK: a <c>MessageCreateParams</c> request is a prompt complete where it is created, with its
/// <c>System</c> text, <c>Model</c> and the <c>MaxTokens</c> the API requires.
/// </summary>
internal sealed class AnthropicRecognizer : SdkRecognizer
{
    private readonly INamedTypeSymbol? _createParams;

    public AnthropicRecognizer(Compilation compilation)
        => _createParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");

    public override bool IsReferenced => _createParams is not null;

    public override IEnumerable<string> SyntaxHints { get; } = new[] { "MessageCreateParams" };

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        if (operation is not IObjectCreationOperation creation || !SdkSymbol.Is(creation.Type, _createParams))
        {
            return;
        }

        var prompt = new FoundPrompt(creation);
        foreach (var (property, value, _) in ValueTracking.Initialized(creation))
        {
            var constant = ValueTracking.Unwrap(value).ConstantValue.Value;
            switch (property.Name)
            {
                case "System" when ValueTracking.Unwrap(value).Type?.SpecialType == SpecialType.System_String:
                    prompt.Messages.Add(new FoundMessage(PromptRole.System, value, creation));
                    break;
                case "MaxTokens" when constant is long or int:
                    prompt.Options.OutputCap = Convert.ToInt32(constant, CultureInfo.InvariantCulture);
                    break;
                case "Model" when constant is string model:
                    prompt.Options.Model = model;
                    prompt.Options.ModelLocation = value.Syntax.GetLocation();
                    break;
            }
        }

        if (prompt.Messages.Count > 0)
        {
            // Anthropic requires MaxTokens: it is never missing, only possibly above the configured ceiling.
            prompt.CapStatus = prompt.Options.OutputCap is null ? OutputCapStatus.Unknown : OutputCapStatus.Declared;
            prompt.CapSetting = "MaxTokens";
            sink.AddPrompt(prompt);
        }
    }

}
