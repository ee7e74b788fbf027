using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Analyzers.Footprint;
using PromptLint.Analyzers.Settings;
using PromptLint.Core.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The C# front end: turns prompts declared with <c>[Prompt]</c> and prompts flowing into LLM SDK calls into
/// <see cref="PromptTemplate"/>s with stable ids, and hands them to the <see cref="FootprintSession"/>.
/// Ids: <c>[Prompt("id")]</c> on the member holding the first message's text, else that member's full name,
/// else the containing member plus an ordinal of the call in it.
/// </summary>
internal static class CSharpPromptDiscovery
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
                        if (template is not null && loop is null && context.OwningSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } helper
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

    private static PromptTemplate? ToTemplate(FoundPrompt prompt, ISymbol owner, TextFolder folder, RegisteredModels registered, (Func<IOperation, IOperation, bool> Matches, IOperation Value, string IdSuffix)? element, (Func<IOperation, IOperation?> Substitute, string Id, Location Location, int? Cap)? callSite, ref int ordinal, CancellationToken cancellationToken, out Location location, out Location? modelLocation, out Location? reorderLocation, out Location? sentModelLocation)
    {
        sentModelLocation = null;
        var messages = new List<PromptMessage>();
        ISymbol? firstMember = null;
        reorderLocation = null;
        var sawHole = false;
        foreach (var message in prompt.Messages)
        {
            var text = callSite is { } c ? folder.Fold(message.Text, c.Substitute, cancellationToken)
                : element is { } e ? folder.Fold(message.Text, o => e.Matches(o, e.Value) ? e.Value : null, cancellationToken)
                : folder.Fold(message.Text, cancellationToken);
            if (messages.Count == 0)
            {
                firstMember = text.SourceMember;
            }

            if (!sawHole && text.Segments.Any(s => s.IsHole))
            {
                sawHole = true;
                reorderLocation = ReorderableConcatenation(message.Text, folder, cancellationToken);
            }

            if (prompt.Flavor is { } flavor)
            {
                // <message role="…"> tags in a Semantic Kernel template are the messages it sends.
                messages.AddRange(ChatMessagesOf(text.Segments, flavor) ?? new[] { new PromptMessage(message.Role, ExpandTemplate(text.Segments, flavor)) });
            }
            else
            {
                messages.Add(new PromptMessage(message.Role, text.Segments));
            }
        }

        location = prompt.Messages[0].Text.Syntax.GetLocation();
        modelLocation = prompt.Options.ModelLocation;
        if (messages.All(m => m.Segments.Count == 0))
        {
            return null;
        }

        string id;
        var attribute = firstMember is null ? null : PromptAttributeInfo.Read(firstMember);

        // A [Prompt] member is measured at its declaration under its own id; a call sending it is a prompt of the call,
        // so one id never stands for two different measurements.
        if (callSite is { } site)
        {
            // A caller's text sent through a helper: the call is the prompt.
            id = site.Id;
            location = site.Location;
        }
        else if (attribute is null && firstMember is not null && !(firstMember is IMethodSymbol { MethodKind: MethodKind.PropertyGet }) && firstMember.Locations.FirstOrDefault(l => l.IsInSource) is { } declared)
        {
            id = attribute?.Id ?? TextFolder.FullName(firstMember);
            location = declared;
        }
        else
        {
            id = TextFolder.FullName(owner) + "#" + TextFolder.Invariant(++ordinal);
        }

        id += element?.IdSuffix;

        // What the prompt declares about itself wins over what the call site says; a call naming another model is
        // kept as the model the prompt is sent to (PL0020 compares the two).
        // A client that comes from dependency injection sends to the one model the project registers, if it registers one.
        var model = attribute?.Model ?? prompt.Options.Model ?? KnownOrNull(registered.Model(cancellationToken));
        string? sentModel = null;
        if (attribute?.Model is not null && prompt.Options.Model is not null)
        {
            sentModel = prompt.Options.Model;
            sentModelLocation = prompt.Options.ModelLocation;
        }

        if (attribute?.Model is not null || prompt.Options.Model is null)
        {
            modelLocation = null;
        }

        var cap = attribute?.MaxOutputTokens ?? prompt.Options.OutputCap ?? callSite?.Cap;
        var status = attribute?.MaxOutputTokens is not null ? OutputCapStatus.Declared : prompt.CapStatus;
        return Build(id, location, messages, model, null, cap, status, prompt.CapSetting, attribute?.Budget, sentModel);
    }

    // A model registered for dependency injection stands for the sends of injected clients only when PromptLint knows it:
    // a deployment name there is reported nowhere the user could act on it, so those sends keep the file's model.
    private static string? KnownOrNull(string? model) => model is not null && TokenizerRegistry.Shared.Resolve(model).KnownModel ? model : null;

    // "dynamic" + STATIC, where the static side can simply go first: the shape the PL0004 fix rewrites. Anything else
    // (holes inside a sentence, both sides dynamic) gets no fix, because its order may carry meaning.
    private static Location? ReorderableConcatenation(IOperation text, TextFolder folder, CancellationToken cancellationToken)
    {
        while (text is IConversionOperation or IParenthesizedOperation)
        {
            text = text is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)text).Operand;
        }

        if (text is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary || binary.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var left = folder.Fold(binary.LeftOperand, cancellationToken).Segments;
        var right = folder.Fold(binary.RightOperand, cancellationToken).Segments;
        return left.Any(s => s.IsHole) && right.Count > 0 && right.All(s => !s.IsHole) ? binary.Syntax.GetLocation() : null;
    }

    // The messages of a template's <message role="…"> tags, its C# holes kept where they are; null without tags.
    private static IReadOnlyList<PromptMessage>? ChatMessagesOf(IReadOnlyList<PromptSegment> segments, TemplateFlavor flavor)
    {
        const char Mark = '\uE000';
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsHole)
            {
                text.Append(Mark).Append(TextFolder.Invariant(i)).Append(Mark);
            }
            else
            {
                text.Append(segments[i].Text.Replace(Mark, ' '));
            }
        }

        var tagged = ChatPromptTags.Split(text.ToString());
        if (tagged.Count == 0)
        {
            return null;
        }

        var messages = new List<PromptMessage>();
        foreach (var (role, body) in tagged)
        {
            var parts = body.Split(Mark);
            var rebuilt = new List<PromptSegment>();
            for (var i = 0; i < parts.Length; i++)
            {
                // Odd parts are the index of a C# hole between two marks.
                if (i % 2 == 1 && int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hole) && hole < segments.Count)
                {
                    rebuilt.Add(segments[hole]);
                }
                else
                {
                    rebuilt.AddRange(TemplateSyntax.Split(parts[i], flavor));
                }
            }

            messages.Add(new PromptMessage(role, rebuilt));
        }

        return messages;
    }

    // Semantic Kernel templates spell holes in the text itself: {{$name}}, {{plugin.function}}.
    private static IReadOnlyList<PromptSegment> ExpandTemplate(IReadOnlyList<PromptSegment> segments, TemplateFlavor flavor)
    {
        var expanded = new List<PromptSegment>();
        foreach (var segment in segments)
        {
            expanded.AddRange(segment.IsHole ? new[] { segment } : TemplateSyntax.Split(segment.Text, flavor));
        }

        return expanded;
    }

    private static PromptTemplate Build(string id, Location location, IReadOnlyList<PromptMessage> messages, string? model, SourceLocation? modelLocation, int? outputCap, OutputCapStatus? status = null, string? capSetting = null, int? budget = null, string? sentModel = null)
    {
        var span = location.GetLineSpan();
        var source = new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        return new PromptTemplate(id, source, messages[0].Role, messages, model: model, modelLocation: modelLocation, outputCap: outputCap, outputCapStatus: status, outputCapSetting: capSetting, budget: budget, sentModel: sentModel);
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
