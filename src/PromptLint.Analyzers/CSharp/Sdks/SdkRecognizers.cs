using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The SDK recognizers of one compilation, built once when it starts (each resolves its SDK's symbols then) and asked
/// together: the SDKs' types are disjoint, so at most one recognizes a given call. Adding an SDK means adding its
/// recognizer (one file, derived from <see cref="SdkRecognizer"/>) to <see cref="For"/>.
/// </summary>
internal sealed class SdkRecognizers
{
    private readonly ISdkRecognizer[] _all;
    private readonly HashSet<string> _hints;

    public SdkRecognizers(IEnumerable<ISdkRecognizer> recognizers)
    {
        _all = recognizers.ToArray();
        _hints = new HashSet<string>(_all.SelectMany(r => r.SyntaxHints), StringComparer.Ordinal);
        Any = _all.Any(r => r.IsReferenced);
    }

    /// <summary>Every SDK the C# front end knows, resolved against <paramref name="compilation"/>.</summary>
    public static SdkRecognizers For(Compilation compilation) => new(new ISdkRecognizer[]
    {
        new MicrosoftExtensionsAiRecognizer(compilation),
        new OpenAiRecognizer(compilation),
        new OpenAiResponsesRecognizer(compilation),
        new SemanticKernelRecognizer(compilation),
        new SemanticKernelAgentRecognizer(compilation),
        new AnthropicRecognizer(compilation),
        new McpRecognizer(compilation),
        new AgentFrameworkRecognizer(compilation),
    });

    /// <summary>True when the compilation references any SDK whose calls build prompts or declare tools in code blocks.</summary>
    public bool Any { get; }

    /// <summary>True when a code block names something of an SDK (a syntax check: cheap, and it may over-match).</summary>
    public bool MayTouch(SyntaxNode block)
    {
        foreach (var token in block.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && _hints.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for any SDK's options type.</summary>
    public bool IsOptions(ITypeSymbol? type) => _all.Any(r => r.IsOptions(type));

    /// <summary>True for an options property any SDK sends as a system message.</summary>
    public bool SendsAsInstructions(IPropertySymbol property) => _all.Any(r => r.SendsAsInstructions(property));

    /// <summary>Lets every SDK tell <paramref name="sink"/> what <paramref name="operation"/> is.</summary>
    public void Recognize(IOperation operation, ICallSiteSink sink)
    {
        foreach (var recognizer in _all)
        {
            recognizer.Recognize(operation, sink);
        }
    }

    /// <summary>Lets every SDK read one operation of a client's source.</summary>
    public void ReadClient(IOperation operation, CallOptions options)
    {
        foreach (var recognizer in _all)
        {
            recognizer.ReadClient(operation, options);
        }
    }

    /// <summary>True for a tool parameter any SDK fills in itself.</summary>
    public bool InjectsToolParameter(ITypeSymbol type) => _all.Any(r => r.InjectsToolParameter(type));

    /// <summary>The tool a call declares, if an SDK recognizes it.</summary>
    public (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner)
    {
        foreach (var recognizer in _all)
        {
            if (recognizer.Tool(invocation, owner, InjectsToolParameter) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }

    /// <summary>The tools SDKs add to a call beyond those its options list (see <see cref="ISdkRecognizer.OfferedTools"/>).</summary>
    public IEnumerable<ToolDefinition> OfferedTools(CallOptions options, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var recognizer in _all)
        {
            if (recognizer.OfferedTools(options, InjectsToolParameter, cancellationToken) is { } tools)
            {
                foreach (var tool in tools)
                {
                    yield return tool;
                }
            }
        }
    }

    /// <summary>The tool an attribute on a method declares, if an SDK recognizes it.</summary>
    public (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location)
    {
        foreach (var recognizer in _all)
        {
            if (recognizer.Tool(method, attribute, location, InjectsToolParameter) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }
}
