using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Hosting;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>Prompts handed to a helper that sends them: each folding call site is a prompt of its own.</summary>
internal static partial class CSharpPromptDiscovery
{
    // The prompts a helper's callers send through it: one per call whose arguments add static text to the helper's
    // prompt, named after the calling member and the helper, measured with the helper's model, options and cap (a cap
    // the helper takes as a parameter is the call's constant argument).
    private static List<PromptSite> Forwarded(FoundPrompt prompt, IMethodSymbol helper, PromptTemplate own, TextFolder folder, RegisteredModels registered, HelperCallSites helpers, CancellationToken cancellationToken)
    {
        var sites = new List<PromptSite>();
        var calls = helpers.Of(helper, cancellationToken);
        if (calls.Count == 0)
        {
            return sites;
        }

        var ownStatic = StaticLength(own);
        var perCaller = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var caller = CallerOf(call, cancellationToken);
            if (caller is null || SymbolEqualityComparer.Default.Equals(caller, helper))
            {
                continue;
            }

            var substitute = HelperCallSites.Substitution(call);
            var name = TextFolder.FullName(caller) + "#" + helper.Name;
            var count = perCaller.TryGetValue(name, out var seen) ? seen + 1 : 1;
            var id = count == 1 ? name : name + "#" + TextFolder.Invariant(count);
            var argument = call.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit).OrderBy(a => a.Syntax.SpanStart)
                .FirstOrDefault(a => folder.Fold(a.Value, cancellationToken).Segments.Any(s => !s.IsHole && s.Text.Length > 0));
            if (argument is null)
            {
                continue;
            }

            int? cap = null;
            if (prompt.Options.CapValue is { } capValue && substitute(ValueTracking.Unwrap(capValue)) is { } passed && ValueTracking.Unwrap(passed).ConstantValue.Value is int given && given > 0)
            {
                cap = given;
            }

            var unused = 0;
            var template = ToTemplate(prompt, caller, folder, registered, null, (substitute, id, argument.Syntax.GetLocation(), cap), ref unused, cancellationToken, out var location, out var modelLocation, out var reorderLocation, out var sentModelLocation);
            // The call carries the prompt only when it supplies a good share of its text (at least a quarter of what the
            // helper sends itself): a helper whose own prompt only gets a name or a short question filled in keeps its id,
            // the one the baseline and the meter know; a helper that sends the text it is given is the caller's prompt.
            if (template is not null && StaticLength(template) > ownStatic && (StaticLength(template) - ownStatic) * 4 >= ownStatic)
            {
                perCaller[name] = count;
                sites.Add(new PromptSite(template, location, template.Location.Path, modelLocation, call.Syntax.GetLocation(), OutputCapPlanner.PropertiesOf(prompt), reorderLocation, sentModelLocation));
            }
        }

        return sites;
    }

    // The method whose parameters a send can be handed through: the member, or the local function the send is written
    // in (a local function is part of its member's code block, and its callers are in that member).
    private static IMethodSymbol? SendingHelper(FoundPrompt prompt, ISymbol owner, CancellationToken cancellationToken)
    {
        var enclosing = prompt.Anchor.SemanticModel?.GetEnclosingSymbol(prompt.Anchor.Syntax.SpanStart, cancellationToken);
        while (enclosing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
        {
            enclosing = enclosing.ContainingSymbol;
        }

        var helper = enclosing is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local ? local : owner as IMethodSymbol;
        return helper is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction, Parameters.Length: > 0 } ? helper : null;
    }

    // The member a call is written in: a lambda's or local function's outer member for lambdas, the local function itself otherwise.
    private static ISymbol? CallerOf(IOperation call, CancellationToken cancellationToken)
    {
        var symbol = call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    private static int StaticLength(PromptTemplate template)
        => template.Messages.Sum(m => m.Segments.Where(s => !s.IsHole).Sum(s => s.Text.Length));
}
