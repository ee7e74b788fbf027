using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>What an options object visibly sets: instructions, model and output cap.</summary>
internal sealed class CallOptions
{
    public List<FoundMessage> Instructions { get; } = new();

    public string? Model { get; set; }

    public Location? ModelLocation { get; set; }

    /// <summary>
    /// True when the call, its options or its client name a model whose text cannot be read before run time
    /// (<c>configuration["OpenAI:Model"]</c>, an environment variable): with no other model, the prompt is counted for
    /// the project's default and its report row says the model was assumed.
    /// </summary>
    public bool ModelUnread { get; set; }

    public int? OutputCap { get; set; }

    /// <summary>The value a cap is set to when it is not a constant (a helper's <c>maxTokens</c> parameter).</summary>
    public IOperation? CapValue { get; set; }

    /// <summary>True when a cap is assigned, even one whose value is not a constant.</summary>
    public bool CapAssigned { get; set; }

    /// <summary>The values the options' <c>Tools</c> is set to (see <see cref="CallTools"/>).</summary>
    public List<IOperation> ToolValues { get; } = new();

    /// <summary>Semantic Kernel's <c>FunctionChoiceBehavior</c> or <c>ToolCallBehavior</c> of the settings, when set.</summary>
    public IOperation? FunctionChoice { get; set; }

    /// <summary>The kernel a Semantic Kernel call is given (its functions are the tools a function choice behavior offers).</summary>
    public IOperation? Kernel { get; set; }

    /// <summary>Reads one property an options object is given: instructions, model or output cap.</summary>
    /// <param name="property">The property set.</param>
    /// <param name="value">The value it is set to.</param>
    /// <param name="origin">The assignment, where an instruction message comes from.</param>
    /// <param name="isInstructions">True when the SDK sends the property's text as a system message.</param>
    public void Read(IPropertySymbol property, IOperation value, IOperation origin, bool isInstructions)
    {
        if (isInstructions)
        {
            Instructions.Add(new FoundMessage(PromptRole.System, value, origin));
            return;
        }

        // By name: the cap is declared on settings types derived in connector packages (OpenAIPromptExecutionSettings.MaxTokens).
        var constant = ValueTracking.Unwrap(value).ConstantValue;
        switch (property.Name)
        {
            case "ModelId" or "Model":
                ReadModel(value, default);
                break;
            case "Tools":
                ToolValues.Add(value);
                break;
            case "FunctionChoiceBehavior" or "ToolCallBehavior":
                FunctionChoice = value;
                break;
            case "ExtensionData" when ExtensionDataCap(value) is { } entry:
                // Semantic Kernel's PromptExecutionSettings.ExtensionData["max_tokens"]: the connector sends it as the cap.
                CapAssigned = true;
                if (ValueTracking.Unwrap(entry).ConstantValue.Value is int extensionCap && extensionCap > 0)
                {
                    OutputCap = extensionCap;
                }

                break;
            case "MaxOutputTokens" or "MaxOutputTokenCount" or "MaxTokens":
                // A cap from a setting or a variable is still a cap: declared, value unknown.
                CapAssigned = true;
                if (constant.Value is int cap && cap > 0)
                {
                    OutputCap = cap;
                }
                else if (!constant.HasValue)
                {
                    CapValue = value;
                }

                break;
        }
    }

    private static readonly string[] ExtensionCapKeys = { "max_tokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens" };

    // The value an ExtensionData dictionary built inline gives a cap key: { ["max_tokens"] = 500 } or { { "max_tokens", 500 } }.
    private static IOperation? ExtensionDataCap(IOperation dictionary)
    {
        foreach (var operation in ValueTracking.Unwrap(dictionary).DescendantsAndSelf())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment
                    when indexer.Arguments[0].Value.ConstantValue.Value is string key && System.Array.IndexOf(ExtensionCapKeys, key) >= 0:
                    return assignment.Value;
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add
                    when add.Arguments[0].Value.ConstantValue.Value is string key && System.Array.IndexOf(ExtensionCapKeys, key) >= 0:
                    return add.Arguments[1].Value;
            }
        }

        return null;
    }

    /// <summary>Reads a model name the options are given, when its text is visible (a constant, or a local or member holding one).</summary>
    public void ReadModel(IOperation value, System.Threading.CancellationToken cancellationToken)
    {
        if (ValueTracking.ConstantString(value, cancellationToken) is { } model)
        {
            Model = model;
            ModelLocation = value.Syntax.GetLocation();
        }
        else if (!ValueTracking.Unwrap(value).ConstantValue.HasValue && value is not IDefaultValueOperation)
        {
            // Not a constant 'null' (no model named): a value only the running application knows.
            ModelUnread = true;
        }
    }

    public void MergeInto(CallOptions target)
    {
        target.Instructions.AddRange(Instructions);
        if (target.Model is null && Model is not null)
        {
            target.Model = Model;
            target.ModelLocation = ModelLocation;
        }

        target.ModelUnread |= ModelUnread;
        target.OutputCap ??= OutputCap;
        target.CapValue ??= CapValue;
        target.CapAssigned |= CapAssigned;
        target.ToolValues.AddRange(ToolValues);
        target.FunctionChoice ??= FunctionChoice;
        target.Kernel ??= Kernel;
    }
}
