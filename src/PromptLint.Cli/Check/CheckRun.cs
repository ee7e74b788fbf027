using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Cli.Check;

/// <summary>Everything one run of <c>promptlint check</c> found.</summary>
internal sealed class CheckRun
{
    public List<ProjectRun> Projects { get; } = new();

    public int Files { get; set; }

    public int Unreadable { get; set; }

    public HashSet<string> UnknownDefaultModels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FileConfig? DefaultConfig { get; set; }

    /// <summary>--traffic, when given: the markdown and JSON reports show money per month.</summary>
    public PromptLint.Contracts.Traffic.TrafficFile? Traffic { get; set; }

    /// <summary>Models and prices in force (with --model-data), for the money section.</summary>
    public ModelCatalog Catalog { get; set; } = ModelCatalog.Shipped;

    /// <summary>--monthly-budget, when given.</summary>
    public decimal? MonthlyBudget { get; set; }

    /// <summary>Every finding, by file, line, column and rule.</summary>
    public List<CheckedFinding> Findings
    {
        get
        {
            return Projects.SelectMany(p => p.Findings)
                .OrderBy(f => f.DisplayPath, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToList();
        }
    }
}

/// <summary>One project's part of a run: its baseline, prompts and findings.</summary>
internal sealed class ProjectRun
{
    public ProjectRun(string root, string name)
    {
        Root = root;
        Name = name;
    }

    public string Root { get; }

    public string Name { get; }

    public string BaselinePath { get; set; } = string.Empty;

    public string? BaselineText { get; set; }

    public BaselineDocument? Baseline { get; set; }

    public RegressionPolicy Policy { get; set; } = new();

    public bool Stdin { get; set; }

    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public List<(PromptFileCheck Check, string Text, PromptFileOptions Options)> Checks { get; } = new();

    public List<ReportPrompt> Prompts { get; } = new();

    public List<ReportDiagnostic> Diagnostics { get; } = new();

    public List<CheckedFinding> Findings { get; } = new();

    /// <summary>The project's report, as report.json and report.md hold it.</summary>
    public FootprintReport Report() => ReportBuilder.Build(Name, Prompts, Diagnostics);
}
