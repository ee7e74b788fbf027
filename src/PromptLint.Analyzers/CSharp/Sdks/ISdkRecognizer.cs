using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// One LLM SDK as the C# front end sees it: which of its calls build messages, send them, configure options or declare
/// tools. Calls and types are recognized by symbol (the SDK's own types, fetched once per compilation), never by name,
/// so user code that happens to name a method like the SDK's is not mistaken for it. One implementation per SDK, derived
/// from <see cref="SdkRecognizer"/>; <see cref="SdkRecognizers"/> lists them.
/// </summary>
internal interface ISdkRecognizer
{
    /// <summary>True when the compilation references SDK types whose calls in code blocks build prompts or declare tools: what makes a block worth walking.</summary>
    bool IsReferenced { get; }

    /// <summary>
    /// Identifiers whose presence in a code block means it may use the SDK: a syntax pre-filter before any semantic
    /// work, so it may over-match but never miss.
    /// </summary>
    IEnumerable<string> SyntaxHints { get; }

    /// <summary>True for the SDK's options types, whose properties set a call's instructions, model and output cap.</summary>
    bool IsOptions(ITypeSymbol? type);

    /// <summary>True for an options property whose text the SDK sends as a system message.</summary>
    bool SendsAsInstructions(IPropertySymbol property);

    /// <summary>Tells <paramref name="sink"/> what one operation of a code block is for the SDK, if anything.</summary>
    void Recognize(IOperation operation, ICallSiteSink sink);

    /// <summary>
    /// Reads one operation of the expression a client comes from (its creation or builder pipeline) for what holds for
    /// every call through it: the model it was created for, a pipeline step that caps every call.
    /// </summary>
    void ReadClient(IOperation operation, CallOptions options);

    /// <summary>
    /// True for a tool method's parameter the SDK fills in itself when it calls the tool (the kernel, the MCP request
    /// context): it is not in the schema the model sees.
    /// </summary>
    bool InjectsToolParameter(ITypeSymbol type);

    /// <summary>A tool declared by a call (a factory over a method, a schema), or null.</summary>
    /// <param name="invocation">The call.</param>
    /// <param name="owner">The member the call is in, for the ids of inline tools.</param>
    /// <param name="injected">True for a parameter type any SDK fills in (<see cref="InjectsToolParameter"/> of them all).</param>
    (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected);

    /// <summary>
    /// Tools a call offers that its options do not list but the SDK adds itself (a Semantic Kernel kernel's plugin
    /// functions under a function choice behavior), or null when it adds none or they cannot be seen.
    /// </summary>
    /// <param name="options">What the call's options and arguments set.</param>
    /// <param name="injected">True for a parameter type any SDK fills in.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    IReadOnlyList<ToolDefinition>? OfferedTools(CallOptions options, InjectedToolParameter injected, System.Threading.CancellationToken cancellationToken);

    /// <summary>A tool declared by an attribute on a method, or null.</summary>
    /// <param name="method">The method.</param>
    /// <param name="attribute">One of its attributes.</param>
    /// <param name="location">Where the method is declared.</param>
    /// <param name="injected">True for a parameter type any SDK fills in (<see cref="InjectsToolParameter"/> of them all).</param>
    (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location, InjectedToolParameter injected);
}
