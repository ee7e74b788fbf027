using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.CSharp;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Hosting;
using PromptLint.Analyzers.PromptFiles;
using PromptLint.Analyzers.Settings;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;

namespace PromptLint.Analyzers;

/// <summary>
/// Finds and measures every prompt of a compilation — prompt files handed over as <c>AdditionalFiles</c> (tagged with
/// <c>PromptLintKind</c> metadata) and prompts in C# code — compares them with the baseline and reports regressions,
/// baseline drift and bad input at a real location. One analyzer, because the baseline check needs every prompt id.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptFootprintAnalyzer : DiagnosticAnalyzer
{
    // Parsed once per baseline text and shared by every compilation that sees the same text.
    private static readonly SourceTextValueProvider<BaselineDocument> BaselineProvider = new(text => BaselineSerializer.Parse(text.ToString()));

    // The project's model and price overrides (PromptLintModelData), parsed once per text.
    internal static readonly SourceTextValueProvider<(ModelCatalog Catalog, IReadOnlyList<string> Problems)> CatalogProvider =
        new(text => (ModelCatalog.Parse(text.ToString(), out var problems), problems));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider;
        // PromptLintEnabled=false switches the package off; the analyzer assembly is still loaded, so it bows out here.
        if (options.GlobalOptions.TryGetValue("build_property.PromptLintEnabled", out var enabled) && string.Equals(enabled?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var settings = PromptLintSettings.Read(options.GlobalOptions);

        AdditionalText? baselineFile = null;
        AdditionalText? modelsFile = null;
        var promptFiles = ImmutableDictionary.CreateBuilder<string, (AdditionalText File, string Kind)>(System.StringComparer.Ordinal);
        foreach (var file in context.Options.AdditionalFiles)
        {
            if (!options.GetOptions(file).TryGetValue(PromptLintSettings.KindMetadata, out var kind) || string.IsNullOrWhiteSpace(kind))
            {
                continue;
            }

            if (string.Equals(kind.Trim(), PromptLintSettings.BaselineKind, System.StringComparison.OrdinalIgnoreCase))
            {
                baselineFile ??= file;
            }
            else if (string.Equals(kind.Trim(), PromptLintSettings.ModelsKind, System.StringComparison.OrdinalIgnoreCase))
            {
                modelsFile ??= file;
                promptFiles[file.Path] = (file, kind.Trim());
            }
            else
            {
                promptFiles[file.Path] = (file, kind.Trim());
            }
        }

        BaselineDocument? baseline = null;
        SourceText? baselineText = null;
        if (baselineFile is not null)
        {
            baselineText = baselineFile.GetText(context.CancellationToken);
            if (baselineText is not null && context.TryGetValue(baselineText, BaselineProvider, out var parsed))
            {
                baseline = parsed;
            }
        }

        var catalog = ModelCatalog.Shipped;
        if (modelsFile?.GetText(context.CancellationToken) is { } modelsText && context.TryGetValue(modelsText, CatalogProvider, out var overrides))
        {
            catalog = catalog.With(overrides.Catalog);
        }

        var session = new FootprintSession(settings, baselineFile, baselineText, baseline, catalog, RunRecordCollector.For(context.Compilation, settings), new EffectiveSeverity(context.Compilation));
        context.RegisterAdditionalFileAction(new PromptFileFrontEnd(session, promptFiles.ToImmutable(), options, PromptFileNeighbours.EvidenceIn(context.Options.AdditionalFiles, context.CancellationToken)).AnalyzeFile);
        CSharpPromptDiscovery.Register(context, session);
        context.RegisterCompilationEndAction(session.AnalyzeEnd);
    }
}
