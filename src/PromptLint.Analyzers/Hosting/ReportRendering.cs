using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// The analyzer's only door into PromptLint.Reporting. The compiler loads that assembly when the JIT compiles a method
/// that names one of its types, so every such name stays inside this method: its signature holds only PromptLint.Contracts
/// types, and it is never inlined into its caller. The IDE, and a command-line build that does not render (multi-targeting,
/// a baseline update), never reach it and never load the renderers.
/// </summary>
internal static class ReportRendering
{
    /// <summary>Renders the report files into <paramref name="directory"/>, writing only changed ones.</summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="report">The measurements and findings.</param>
    /// <param name="baseline">The committed baseline, when there is one.</param>
    /// <param name="catalog">Models and prices, with the project's overrides.</param>
    /// <param name="thresholdPercent">The regression threshold the reports quote.</param>
    /// <param name="html">True to render report.html too.</param>
    /// <param name="written">Receives each report file's full path, in <c>ReportFiles.Names</c> order.</param>
    /// <returns>The build's one-line summary.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string RenderTo(string directory, FootprintReport report, BaselineDocument? baseline, ModelCatalog catalog, double thresholdPercent, bool html, List<string> written)
    {
        var rendered = ReportFiles.Render(report, baseline, catalog, thresholdPercent, html);
        foreach (var file in rendered.Files())
        {
            var path = Path.Combine(directory, file.Key);
            Shared.AtomicFile.WriteIfChanged(path, file.Value);
            written.Add(path);
        }

        return rendered.Summary;
    }
}
