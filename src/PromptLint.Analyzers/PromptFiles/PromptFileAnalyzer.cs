using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Settings;
using PromptLint.Core.Baseline;

namespace PromptLint.Analyzers.PromptFiles;

/// <summary>
/// Measures the prompt files and the baseline that the build hands over as <c>AdditionalFiles</c>
/// (tagged with <c>PromptLintKind</c> metadata), and reports regressions, baseline drift and bad input at a real
/// location inside those files.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptFileAnalyzer : DiagnosticAnalyzer
{
    // Parsed once per baseline text and shared by every compilation that sees the same text.
    private static readonly SourceTextValueProvider<BaselineDocument> BaselineProvider = new(text => BaselineSerializer.Parse(text.ToString()));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.PL0001_FootprintRegressed,
        Descriptors.PL0002_BaselineMismatch,
        Descriptors.PL0100_BaselineUnreadable,
        Descriptors.PL0101_MalformedPromptFile,
        Descriptors.PL0102_UnknownModel,
        Descriptors.PL9000_PromptMeasured);

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
        var settings = PromptLintSettings.Read(options.GlobalOptions);

        AdditionalText? baselineFile = null;
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
            else
            {
                promptFiles[file.Path] = (file, kind.Trim());
            }
        }

        if (baselineFile is null && promptFiles.Count == 0)
        {
            return;
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

        var session = new PromptFileSession(settings, promptFiles.ToImmutable(), baselineFile, baselineText, baseline, options);
        context.RegisterAdditionalFileAction(session.AnalyzeFile);
        context.RegisterCompilationEndAction(session.AnalyzeEnd);
    }
}
