using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>An <see cref="ISdkRecognizer"/> that recognizes nothing by default: each SDK overrides only what it has.</summary>
internal abstract class SdkRecognizer : ISdkRecognizer
{
    // False for an SDK whose prompts and tools are never in code blocks (attributes only): its blocks need no walk.
    public virtual bool IsReferenced => false;

    public virtual IEnumerable<string> SyntaxHints => Array.Empty<string>();

    public virtual bool IsOptions(ITypeSymbol? type) => false;

    public virtual bool SendsAsInstructions(IPropertySymbol property) => false;

    public virtual void Recognize(IOperation operation, ICallSiteSink sink)
    {
    }

    public virtual void ReadClient(IOperation operation, CallOptions options)
    {
    }

    public virtual bool InjectsToolParameter(ITypeSymbol type) => false;

    public virtual (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected) => null;

    public virtual IReadOnlyList<ToolDefinition>? OfferedTools(CallOptions options, InjectedToolParameter injected, System.Threading.CancellationToken cancellationToken) => null;

    public virtual (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location, InjectedToolParameter injected) => null;
}
