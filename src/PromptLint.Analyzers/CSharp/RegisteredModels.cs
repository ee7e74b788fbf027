using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The chat model a project registers for dependency injection (<c>services.AddChatClient(… GetChatClient("gpt-4o")
/// …)</c>, <c>AsIChatClient("claude-…")</c>, Semantic Kernel's <c>AddOpenAIChatCompletion(modelId, …)</c>), for the
/// sends whose client comes from elsewhere (injected, resolved from a service provider): when the project registers
/// exactly one model, those sends are counted for it. Read once per compilation, on the first send that needs it, from
/// the files that name a registration method.
/// </summary>
internal sealed class RegisteredModels
{
    private static readonly string[] Registrations =
    {
        "AddChatClient", "AddKeyedChatClient", "AddOpenAIChatCompletion", "AddAzureOpenAIChatCompletion", "AddOpenAIChatClient", "AddAzureOpenAIChatClient",
    };

    // Whether a tree's text names a registration method, per tree: in the IDE every keystroke makes a new compilation
    // over mostly the same trees, and the text of unchanged files is not read again.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, object> Registering = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    private readonly Compilation _compilation;
    private readonly SdkRecognizers _sdks;
    private readonly object _gate = new();
    private (string Model, Location Location)? _model;
    private bool _read;

    public RegisteredModels(Compilation compilation, SdkRecognizers sdks)
    {
        _compilation = compilation;
        _sdks = sdks;
    }

    /// <summary>The one model the project registers, or null when it registers none or several.</summary>
    public string? Model(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_read)
            {
                _model = Read(cancellationToken);
                _read = true;
            }

            return _model?.Model;
        }
    }

    private (string, Location)? Read(CancellationToken cancellationToken)
    {
        var models = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            // Text first: most files register nothing and never get a semantic model here.
            var registers = Registering.GetValue(tree, t =>
            {
                var text = t.GetText(cancellationToken).ToString();
                return Registrations.Any(name => text.IndexOf(name, StringComparison.Ordinal) >= 0) ? Yes : No;
            });
            if (registers == No)
            {
                continue;
            }

#pragma warning disable RS1030 // Registrations live in other files (Program.cs); the compilation caches the model.
            var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || Array.IndexOf(Registrations, name) < 0 || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
                {
                    continue;
                }

                var options = new CallOptions();
                foreach (var argument in operation.Arguments)
                {
                    if (argument.Parameter?.Name is "modelId" or "model" && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        options.ReadModel(argument.Value, cancellationToken);
                    }

                    foreach (var part in argument.Value.DescendantsAndSelf())
                    {
                        _sdks.ReadClient(part, options);
                    }
                }

                if (options.Model is { } registered && !models.ContainsKey(registered))
                {
                    models.Add(registered, options.ModelLocation ?? invocation.GetLocation());
                }
            }
        }

        return models.Count == 1 ? (models.Keys.First(), models.Values.First()) : null;
    }
}
