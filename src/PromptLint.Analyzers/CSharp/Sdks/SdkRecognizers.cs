using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The SDK recognizers of one compilation, built once when it starts (each resolves its SDK's symbols then). Adding an
/// SDK means adding its <see cref="ISdkRecognizer"/> to <see cref="For"/>.
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
        new SemanticKernelRecognizer(compilation),
        new AnthropicRecognizer(compilation),
        new McpRecognizer(compilation),
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

    public bool IsOptions(ITypeSymbol? type) => _all.Any(r => r.IsOptions(type));

    public bool SendsAsInstructions(IPropertySymbol property) => _all.Any(r => r.SendsAsInstructions(property));

    public void Recognize(IOperation operation, ICallSiteSink sink)
    {
        foreach (var recognizer in _all)
        {
            recognizer.Recognize(operation, sink);
        }
    }

    public void ReadClient(IOperation operation, CallOptions options)
    {
        foreach (var recognizer in _all)
        {
            recognizer.ReadClient(operation, options);
        }
    }

    public (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner)
    {
        foreach (var recognizer in _all)
        {
            if (recognizer.Tool(invocation, owner) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }

    public (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location)
    {
        foreach (var recognizer in _all)
        {
            if (recognizer.Tool(method, attribute, location) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }
}
