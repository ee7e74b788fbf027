using System;
using System.Collections.Generic;
using System.Linq;

using PromptLint.Contracts.Baseline;

namespace PromptLint.Contracts.Reporting;

/// <summary>Assembles a report from measurements and diagnostics in a stable order, and derives the baseline from it.</summary>
public static class ReportBuilder
{
    /// <summary>
    /// Sorts prompts by id and diagnostics by file, line, id and message; drops exact repeats
    /// (the run records of a multi-targeted project carry a shared prompt's results once per target framework). When several prompts share an
    /// id (one text member sent by several calls), the largest stands for it, ties broken by file and line, so the
    /// result never depends on the order the compiler reported them in.
    /// </summary>
    public static FootprintReport Build(string project, IEnumerable<ReportPrompt> prompts, IEnumerable<ReportDiagnostic> diagnostics)
    {
        var report = new FootprintReport { Project = project };
        report.Prompts.AddRange(prompts
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.StaticTokens).ThenBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.ContentHash, StringComparer.Ordinal).First())
            .OrderBy(p => p.Id, StringComparer.Ordinal));
        report.Diagnostics.AddRange(diagnostics
            .GroupBy(d => (d.Id, d.Severity, d.File, d.Line, d.Message))
            .Select(g => g.First())
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal));
        return report;
    }

    /// <summary>
    /// The baseline that accepts every prompt of the report as it is now, with what a call costs (model and output cap):
    /// an entry of the first format (no model) is rewritten in the current one by the next accepted update.
    /// </summary>
    public static IEnumerable<BaselineEntry> ToBaseline(FootprintReport report)
        => report.Prompts.Select(p => p.Model.Length == 0
            ? new BaselineEntry(p.Id, p.Tokenizer, p.StaticTokens, p.StaticPrefixTokens, p.ToolSchemaTokens, p.ContentHash)
            : new BaselineEntry(p.Id, p.Tokenizer, p.Model, p.OutputCap, p.StaticTokens, p.StaticPrefixTokens, p.ToolSchemaTokens, p.ContentHash));
}
