using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Analyzers.Hosting;
using PromptLint.Analyzers.Settings;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The C# front end: turns prompts declared with <c>[Prompt]</c> and prompts flowing into LLM SDK calls into
/// <see cref="PromptTemplate"/>s with stable ids, and hands them to the <see cref="FootprintSession"/>.
/// Ids: <c>[Prompt("id")]</c> on the member holding the first message's text, else that member's full name,
/// else the containing member plus an ordinal of the call in it.
/// </summary>
internal static partial class CSharpPromptDiscovery
{
    public static void Register(CompilationStartAnalysisContext context, FootprintSession session)
    {
        if (!session.Settings.AnalyzeCode)
        {
            return;
        }

        var folder = new TextFolder(context.Compilation);
        var options = context.Options.AnalyzerConfigOptionsProvider;
        var sdks = SdkRecognizers.For(context.Compilation);
        var constructed = new ConstructedMessages(context.Compilation, sdks);
        var registered = new RegisteredModels(context.Compilation, sdks);
        var helpers = new HelperCallSites(context.Compilation);
        context.RegisterSymbolAction(c => AnalyzeDeclared(c, session, folder, sdks, options), SymbolKind.Field, SymbolKind.Property, SymbolKind.Method);

        if (sdks.Any)
        {
            context.RegisterCodeBlockAction(c => AnalyzeCalls(c, session, sdks, folder, constructed, registered, helpers, options));
        }
    }

    private static void AnalyzeDeclared(SymbolAnalysisContext context, FootprintSession session, TextFolder folder, SdkRecognizers sdks, AnalyzerConfigOptionsProvider options)
    {
        var report = session.Sink(context.ReportDiagnostic, context.CancellationToken);
        try
        {
            if (ToolDiscovery.FromAttributedMethod(context.Symbol, sdks) is { } tool)
            {
                Report(report, session, options, new PromptSite(tool.Template, tool.Location, tool.Template.Location.Path));
                return;
            }

            var attribute = PromptAttributeInfo.Read(context.Symbol);
            if (attribute is null || context.Symbol.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
            {
                return;
            }

            FoldedText? text;
            using (session.Handover?.Time(RunRecordCollector.Phase.FrontEnds))
            {
                text = folder.MemberText(context.Symbol, declared: true, context.CancellationToken);
            }

            if (text is null)
            {
                return;
            }

            var template = Build(attribute.Id ?? TextFolder.FullName(context.Symbol), location, new[] { new PromptMessage(PromptRole.System, text.Segments) }, attribute.Model, null, attribute.MaxOutputTokens, budget: attribute.Budget);
            Report(report, session, options, new PromptSite(template, location, template.Location.Path));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never an AD0001 that stops the analysis, never silence: the member is named and the rest still measured.
            session.ReportFailure(report, context.Symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None, $"'{TextFolder.FullName(context.Symbol)}'", ex);
        }
    }

    private static void AnalyzeCalls(CodeBlockAnalysisContext context, FootprintSession session, SdkRecognizers sdks, TextFolder folder, ConstructedMessages constructed, RegisteredModels registered, HelperCallSites helpers, AnalyzerConfigOptionsProvider options)
    {
        // A syntax pre-filter first: only code blocks that name an SDK member get an operation tree. A type's own block
        // (its attributes) holds no sends, and walking it would report its members' prompts a second time.
        if (context.OwningSymbol is INamedTypeSymbol || !sdks.MayTouch(context.CodeBlock))
        {
            return;
        }

        var report = session.Sink(context.ReportDiagnostic, context.CancellationToken);
        try
        {
            var found = new List<PromptSite>();
            using (session.Handover?.Time(RunRecordCollector.Phase.FrontEnds))
            {
                var roots = OperationsOf(context.CodeBlock, context.SemanticModel, context.CancellationToken);
                if (roots.Count == 0)
                {
                    return;
                }

                var collector = new CallSiteCollector(sdks, context.CancellationToken, constructed, context.OwningSymbol);
                var prompts = collector.Collect(roots);
                var ordinal = 0;
                foreach (var prompt in prompts)
                {
                    // A send in a foreach over visible text is one prompt per element: [1], [2], … after the prompt's id.
                    var loop = LoopOf(prompt, context.CancellationToken);
                    var first = ordinal;
                    for (var element = 0; element < (loop?.Elements.Count ?? 1); element++)
                    {
                        var elementOrdinal = first;
                        var substitution = loop is { } l ? (l.Matches, l.Elements[element], "[" + TextFolder.Invariant(element + 1) + "]") : default((Func<IOperation, IOperation, bool>, IOperation, string)?);
                        var template = ToTemplate(prompt, context.OwningSymbol, folder, registered, substitution, null, ref elementOrdinal, context.CancellationToken, out var location, out var modelLocation, out var reorderLocation, out var sentModelLocation);
                        template = template is null ? null : CallTools.With(template, prompt.Options, context.OwningSymbol, sdks, context.CancellationToken); // issue 31: tools the call offers
                        ordinal = elementOrdinal;
                        if (template is not null && loop is null && SendingHelper(prompt, context.OwningSymbol, context.CancellationToken) is { } helper
                            && Forwarded(prompt, helper, template, folder, registered, helpers, context.CancellationToken) is { Count: > 0 } forwarded)
                        {
                            // The callers pass the text: each folding call is the prompt, and the helper's own send is not.
                            found.AddRange(forwarded);
                        }
                        else if (template is not null)
                        {
                            var callLocation = (prompt.Fix?.Target ?? prompt.Anchor).Syntax.GetLocation();
                            found.Add(new PromptSite(template, location, template.Location.Path, modelLocation, callLocation, OutputCapPlanner.PropertiesOf(prompt), reorderLocation, sentModelLocation));
                        }
                    }
                }

                foreach (var (template, location) in ToolDiscovery.FromOperations(roots, context.OwningSymbol, sdks))
                {
                    found.Add(new PromptSite(template, location, template.Location.Path));
                }
            }

            foreach (var site in found)
            {
                Report(report, session, options, site);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never an AD0001 that stops the analysis, never silence: the member is named and the rest still measured.
            session.ReportFailure(report, context.CodeBlock.GetLocation(), $"the prompts of '{TextFolder.FullName(context.OwningSymbol)}'", ex);
        }
    }

    // The operation trees of a code block: a member's body, or the initializers of a field or property.
    private static List<IOperation> OperationsOf(SyntaxNode block, SemanticModel model, CancellationToken cancellationToken)
    {
        var roots = new List<IOperation>();
        if (model.GetOperation(block, cancellationToken) is { } whole)
        {
            roots.Add(whole);
            return roots;
        }

        // Field and property initializers: the block is the declaration, the operation hangs off its '= …' or '=> …'.
        foreach (var part in block.DescendantNodesAndSelf(n => n is not Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax))
        {
            if (part is Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax
                && model.GetOperation(part, cancellationToken) is { } operation)
            {
                roots.Add(operation);
            }
        }

        return roots;
    }

    // The first foreach variable a message's text uses whose collection's elements are visible.
    // (or the items[i] of a for loop counting up over items).
    private static (Func<IOperation, IOperation, bool> Matches, IReadOnlyList<IOperation> Elements)? LoopOf(FoundPrompt prompt, CancellationToken cancellationToken)
    {
        foreach (var message in prompt.Messages)
        {
            foreach (var operation in message.Text.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference && TextFolder.LoopElements(reference, cancellationToken) is { Count: > 0 } elements)
                {
                    var local = reference.Local;
                    return ((candidate, _) => candidate is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, local), elements);
                }

                if (TextFolder.IndexedElements(operation, cancellationToken) is { Count: > 0 } indexed)
                {
                    var syntax = operation.Syntax.ToString();
                    return ((candidate, _) => candidate.Kind == operation.Kind && candidate.Syntax.ToString() == syntax, indexed);
                }
            }
        }

        return null;
    }

    private static void Report(Action<Diagnostic> report, FootprintSession session, AnalyzerConfigOptionsProvider options, PromptSite site)
    {
        var fileOptions = site.Location.SourceTree is { } tree ? options.GetOptions(tree) : options.GlobalOptions;
        session.AnalyzeTemplate(report, UnknownNameAsConfigured(site, fileOptions), session.Settings.OptionsFor(fileOptions));
    }

    // A name the code sends to that PromptLint does not know (a fine-tune, an Azure deployment) gets PL0102 at the name,
    // unless 'promptlint.model' for the file says which model it is: then the prompt is counted and priced for that one.
    private static PromptSite UnknownNameAsConfigured(PromptSite site, AnalyzerConfigOptions fileOptions)
    {
        var template = site.Template;
        if (site.ModelLocation is null || template.Model is not { } named || TokenizerRegistry.Shared.Resolve(named).KnownModel
            || PromptLintOptions.Get(PromptLintSettings.Raw(fileOptions), SettingKeys.Model) is null)
        {
            return site;
        }

        var configured = new PromptTemplate(
            template.Id, template.Location, template.Role, template.Messages, template.Tools, model: null, modelLocation: null, template.OutputCap,
            template.Approximate, template.OutputCapStatus, template.OutputCapSetting, template.Budget, template.SentModel, template.ResponseFormatJson);
        configured = template.CallTools.Count == 0 ? configured : configured.WithCallTools(template.CallTools, template.Approximate);
        return new PromptSite(configured, site.Location, site.File, null, site.CallLocation, site.FixProperties, site.ReorderLocation, site.SentModelLocation, site.TextLocation, site.ToolLocation);
    }
}
