using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;

namespace PromptLint.Cli.Check;

/// <summary>
/// Takes findings into a run at the severity <see cref="SeverityPolicy"/> gives them (a hidden one not at all), each
/// as a printed finding and as a report diagnostic; also the findings about the run itself: baseline entries whose
/// prompt file is gone, model data that cannot be read, and default models PromptLint does not know.
/// </summary>
internal sealed class FindingRecorder
{
    private readonly SeverityPolicy _severity;
    private readonly string _cwd;
    private readonly string? _stdinFileName;

    public FindingRecorder(SeverityPolicy severity, string cwd, string? stdinFileName)
    {
        _severity = severity;
        _cwd = cwd;
        _stdinFileName = stdinFileName;
    }

    /// <summary>Takes one finding into <paramref name="project"/>, unless its severity hides it.</summary>
    public void Add(ProjectRun project, RuleFinding finding, string? defaultSeverity, string path, TextPosition position, string? promptId, FileConfig config)
    {
        var severity = _severity.For(finding.RuleId, defaultSeverity, config);
        if (severity is null)
        {
            return;
        }

        var saved = finding.TokensSaved is > 0 ? finding.TokensSaved : null;
        var projectPath = PromptWorkspace.Relative(project.Root, path);
        var display = project.Stdin || path.Length == 0 ? (_stdinFileName ?? "<stdin>") : PromptWorkspace.Relative(_cwd, path);
        project.Findings.Add(new CheckedFinding(finding.RuleId, severity, path, display, projectPath, position.Line, position.Column, position.Length, finding.Message, saved, promptId));
        project.Diagnostics.Add(new ReportDiagnostic
        {
            Id = finding.RuleId,
            Severity = severity,
            File = projectPath,
            Line = position.Line,
            Message = finding.Message,
            PromptId = promptId,
            TokensSaved = saved,
        });
    }

    /// <summary>The baseline entries of prompt files that are gone (info), at their line in the baseline.</summary>
    public void Orphans(ProjectRun project, FileConfig config, bool updating)
    {
        if (project.BaselineText is null || project.Baseline is null)
        {
            return;
        }

        var text = new PromptFileText(project.BaselineText);
        foreach (var entry in PromptChecks.Orphans(project.Baseline, updating, project.Seen.Contains))
        {
            // Entries of prompts in C# code are the build's to judge: only prompt-file entries whose file is gone are orphans here.
            if (!BaselineWriter.OwnedByCheck(project, entry.Id))
            {
                continue;
            }

            Add(project, PromptChecks.Orphan(entry.Id), SeverityNames.Info, project.BaselinePath, PromptFileChecker.LineContent(text, entry.Line), null, config);
        }
    }

    /// <summary>The run's own findings, taken into the first project: problems of the model data (PL0101 at the file's start, as the build reports them), then unknown default models.</summary>
    public void RunFindings(CheckRun run, IReadOnlyList<(string Path, string Problem)> modelDataProblems)
    {
        if (run.Projects.FirstOrDefault() is not { } first)
        {
            return;
        }

        foreach (var (path, problem) in modelDataProblems)
        {
            var text = new PromptFileText(File.ReadAllText(path));
            var finding = new RuleFinding(RuleCatalog.Get(RuleIds.MalformedPromptFile).Message, RuleTarget.Prompt, null, ("file", PromptWorkspace.Relative(first.Root, path)), ("problem", problem));
            Add(first, finding, null, path, PromptFileChecker.Clamp(text, 1, 1), null, run.DefaultConfig ?? FileConfig.Empty);
        }

        foreach (var model in run.UnknownDefaultModels.OrderBy(m => m, StringComparer.OrdinalIgnoreCase))
        {
            if (PromptChecks.UnknownModel(model) is { } finding && _severity.For(finding.RuleId, null, run.DefaultConfig ?? FileConfig.Empty) is { } severity)
            {
                first.Findings.Add(new CheckedFinding(finding.RuleId, severity, string.Empty, string.Empty, string.Empty, 0, 0, 0, finding.Message, null, null));
                first.Diagnostics.Add(new ReportDiagnostic { Id = finding.RuleId, Severity = severity, File = string.Empty, Line = 0, Message = finding.Message });
            }
        }
    }
}
