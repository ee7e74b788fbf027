using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The tools a call offers through its options (<c>ChatOptions.Tools = [AIFunctionFactory.Create(Lookup), refund]</c>),
/// when their creation is visible: inline, or in a local or member initialized with it. Each is the same tool the SDK
/// recognizer measures as a prompt of its own, and the call's prompt counts its schema as sent with every call
/// (<see cref="PromptTemplate.CallTools"/>), so adding a tool to a call changes the call's cost per call (PL0022).
/// </summary>
internal static class CallTools
{
    /// <summary>The template with the tools its options offer, or the template itself when they offer none that is visible.</summary>
    public static PromptTemplate With(PromptTemplate template, CallOptions options, ISymbol owner, SdkRecognizers sdks, CancellationToken cancellationToken)
    {
        if (options.ToolValues.Count == 0 && options.FunctionChoice is null)
        {
            return template;
        }

        var tools = new List<ToolDefinition>();
        var approximate = false;

        // Semantic Kernel: the kernel's plugin functions, offered by the settings' function choice behavior (rebuilt schemas).
        foreach (var offered in sdks.OfferedTools(options, cancellationToken))
        {
            tools.Add(offered);
            approximate = true;
        }

        foreach (var value in options.ToolValues)
        {
            foreach (var candidate in Candidates(value, cancellationToken))
            {
                if (sdks.Tool(candidate, owner) is { } tool)
                {
                    tools.AddRange(tool.Template.Tools);
                    approximate |= tool.Template.Approximate;
                }
            }
        }

        return tools.Count == 0 ? template : template.WithCallTools(tools, approximate);
    }

    // Tool creations in the value assigned to Tools: calls written there, and the initializers of the locals, fields and
    // properties it names, a tool or a list written there (one level: a list built elsewhere and passed in, or filled
    // later, is not followed).
    private static IEnumerable<IInvocationOperation> Candidates(IOperation value, CancellationToken cancellationToken)
    {
        foreach (var operation in ValueTracking.Unwrap(value).DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    yield return invocation;
                    break;
                case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 }
                    when ValueTracking.Source(operation, cancellationToken) is { } source && !ReferenceEquals(ValueTracking.Unwrap(source), operation):
                    var initializer = ValueTracking.Unwrap(source);
                    if (initializer is IInvocationOperation created)
                    {
                        yield return created;
                    }
                    else if (initializer is IArrayCreationOperation or IObjectCreationOperation || initializer.Syntax.IsKind(SyntaxKind.CollectionExpression))
                    {
                        // List<AITool> tools = [AIFunctionFactory.Create(Lookup), new ApprovalRequiredAIFunction(AIFunctionFactory.Create(Refund))]
                        foreach (var listed in initializer.DescendantsAndSelf().OfType<IInvocationOperation>())
                        {
                            yield return listed;
                        }
                    }

                    break;
            }
        }
    }
}
