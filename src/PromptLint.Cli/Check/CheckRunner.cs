using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PromptLint.Core.Baseline;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Reporting;
using PromptLint.Core.Rules;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check</c>: finds the prompt files, reads their settings, runs each through Core's
/// <see cref="PromptFileChecker"/> (the analyzer's pipeline for prompt files), gives each finding the severity the
/// build would, and prints, fixes or accepts. No rule logic here.
/// </summary>
internal sealed class CheckRunner
{
    private readonly CheckOptions _options;
    private readonly TextReader _stdin;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly EditorConfigSettings _config = new();
    private readonly Dictionary<string, string?> _severityOverrides = new(StringComparer.OrdinalIgnoreCase);
    private ModelCatalog _catalog = ModelCatalog.Shipped;
    private List<(string Path, string Problem)> _modelDataProblems = new();

    public CheckRunner(CheckOptions options, TextReader stdin, TextWriter output, TextWriter error)
    {
        _options = options;
        _stdin = stdin;
        _output = output;
        _error = error;
    }

    /// <summary>Runs the command; the exit code.</summary>
    public int Run()
    {
        if (!ParseSeverities() || !ValidateKind())
        {
            return Commands.BadInput;
        }

        if (_options.DryRun && !_options.Fix)
        {
            _error.WriteLine("promptlint: --dry-run goes with --fix");
            return Commands.BadInput;
        }

        Timings.Mark("check starts", _error);
        var run = Analyze(out var bad);
        Timings.Mark("analyzed", _error);
        if (bad)
        {
            return Commands.BadInput;
        }

        if (_options.Fix)
        {
            var fixes = Fix(run);
            if (_options.DryRun)
            {
                _error.WriteLine(fixes.Files == 0
                    ? "promptlint: nothing to fix"
                    : $"promptlint: --fix would change {N(fixes.Files)} file{Plural(fixes.Files)} ({N(fixes.Findings)} finding{Plural(fixes.Findings)}, {N(fixes.Tokens)} tokens per call)");
                return Commands.Ok;
            }

            if (fixes.Files > 0)
            {
                _error.WriteLine($"promptlint: fixed {N(fixes.Findings)} finding{Plural(fixes.Findings)} in {N(fixes.Files)} file{Plural(fixes.Files)}, {N(fixes.Tokens)} tokens per call saved");
                run = Analyze(out bad);
            }
        }

        if (_options.UpdateBaseline)
        {
            WriteBaselines(run);
        }

        Emit(CheckOutput.Render(_options.Format, run, _catalog));
        Timings.Mark("written", _error);
        var errors = run.Findings.Count(f => f.Severity == "error");
        var warnings = run.Findings.Count(f => f.Severity == "warning");
        if (_options.Format == "pretty")
        {
            _error.WriteLine(Summary(run, errors, warnings));
        }

        if (errors > 0)
        {
            return Commands.Regressed;
        }

        if (_options.MaxWarnings >= 0 && warnings > _options.MaxWarnings)
        {
            _error.WriteLine($"promptlint: {N(warnings)} warnings, more than --max-warnings {N(_options.MaxWarnings)}");
            return Commands.Regressed;
        }

        return Commands.Ok;
    }

    /// <summary>Only writes the baselines (<c>promptlint init</c>): the findings are not printed.</summary>
    public int RunBaselineOnly()
    {
        var run = Analyze(out var bad);
        if (bad)
        {
            return Commands.BadInput;
        }

        WriteBaselines(run);
        return Commands.Ok;
    }

    /// <summary>Checks every file the arguments name (or standard input).</summary>
    internal CheckRun Analyze(out bool bad)
    {
        bad = false;
        var run = new CheckRun();
        var cwd = Path.GetFullPath(_options.CurrentDirectory);
        if (!LoadModelData(cwd))
        {
            bad = true;
            return run;
        }

        var paths = _options.Paths.Count == 0 ? new List<string> { "." } : _options.Paths;
        var stdin = paths.Count(p => p == "-");
        if (stdin > 0)
        {
            if (paths.Count > 1)
            {
                _error.WriteLine("promptlint: '-' reads one prompt from standard input and takes no other path");
                bad = true;
                return run;
            }

            CheckStdin(run, cwd);
            return run;
        }

        PromptWorkspace.Forget(); // project folders are remembered for one run only
        var (files, problems) = PromptWorkspace.Expand(paths, cwd);
        Timings.Mark($"found {files.Count} files", _error);
        foreach (var problem in problems)
        {
            _error.WriteLine("promptlint: " + problem);
        }

        if (problems.Count > 0)
        {
            bad = true;
            return run;
        }

        var explicitFiles = new HashSet<string>(paths.Select(p => Path.GetFullPath(Path.Combine(cwd, p))).Where(File.Exists), StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => PromptWorkspace.ProjectRootOf(f, cwd), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var project = NewProject(group.Key, cwd);
            run.Projects.Add(project);
            // Each file is checked on its own (in parallel), then taken into the run in order.
            var list = group.ToList();
            var prepared = new Prepared?[list.Count];
            System.Threading.Tasks.Parallel.For(0, list.Count, i => prepared[i] = PrepareFile(project, list[i], explicitFiles.Contains(list[i]) ? _options.Kind ?? PromptFileKinds.DetectKindName : PromptFileKinds.DetectKindName));
            for (var i = 0; i < list.Count; i++)
            {
                if (prepared[i] is not { } done)
                {
                    run.Unreadable++;
                    continue;
                }

                Integrate(run, project, done);
                if (explicitFiles.Contains(list[i]) && done.Check.Kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
                {
                    _error.WriteLine($"promptlint: skipped {Display(list[i])}: not a prompt file PromptLint recognises by its name and content; name its format with --kind");
                }
            }

            Timings.Mark($"checked {list.Count} files in {PromptWorkspace.Relative(cwd, group.Key)}", _error);

            ReportOrphans(project);
        }

        ReportUnknownDefaultModels(run);
        bad = run.Unreadable > 0; // a file named or found that cannot be read is bad input
        return run;
    }

    private ProjectRun NewProject(string root, string cwd)
    {
        var project = new ProjectRun(root, ProjectName(root));
        project.BaselinePath = _options.BaselinePath is { } given ? Path.GetFullPath(Path.Combine(cwd, given)) : Path.Combine(root, PromptWorkspace.BaselineName);
        project.Policy = new RegressionPolicy(_options.Threshold ?? RegressionPolicy.DefaultThresholdPercent, _options.MinTokens ?? RegressionPolicy.DefaultMinTokens);
        if (File.Exists(project.BaselinePath))
        {
            project.BaselineText = File.ReadAllText(project.BaselinePath);
            project.Baseline = BaselineSerializer.Parse(project.BaselineText);
            if (!_options.UpdateBaseline)
            {
                var config = _config.For(project.BaselinePath, root);
                var text = new PromptFileText(project.BaselineText);
                foreach (var problem in project.Baseline.Problems)
                {
                    var finding = new RuleFinding(RuleCatalog.Get(RuleIds.BaselineUnreadable).Message, RuleTarget.Prompt, null, ("file", Path.GetFileName(project.BaselinePath)), ("problem", problem.Message));
                    Add(project, finding, null, project.BaselinePath, PromptFileChecker.Clamp(text, problem.Line, problem.Column), null, config, cwd);
                }
            }
        }

        return project;
    }

    private static string ProjectName(string root)
    {
        var projects = Directory.GetFiles(root, "*.csproj");
        return projects.Length == 1 ? Path.GetFileNameWithoutExtension(projects[0]) : new DirectoryInfo(root).Name;
    }

    private Prepared? PrepareFile(ProjectRun project, string file, string? kind)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_error)
            {
                _error.WriteLine($"promptlint: cannot read '{file}': {ex.Message}");
            }

            return null;
        }

        return Prepare(project, file, PromptWorkspace.Relative(project.Root, file), text, kind, project.Baseline);
    }

    private PromptFileCheck CheckText(CheckRun run, ProjectRun project, string file, string id, string text, string? kind, BaselineDocument? baseline)
        => Integrate(run, project, Prepare(project, file, id, text, kind, baseline));

    // The checks of one file: no shared state is changed here, so files are checked in parallel.
    private Prepared Prepare(ProjectRun project, string file, string id, string text, string? kind, BaselineDocument? baseline)
    {
        var config = _config.For(file, project.Root);
        var options = PromptLintOptions.ForFile(config.Raw, _options.Model, project.Policy);
        var off = CostRules.Entries.Select(r => r.Id).Where(id => Severity(id, null, config) is null).ToList();
        var directory = Path.GetDirectoryName(file)!;
        var request = new PromptFileCheckRequest(file, id, text, options)
        {
            KindName = kind,
            Companions = name =>
            {
                var sibling = Path.Combine(directory, name);
                return File.Exists(sibling) ? (sibling, File.ReadAllText(sibling)) : null;
            },
            RelativePath = p => PromptWorkspace.Relative(project.Root, p),
            Catalog = _catalog,
            Baseline = baseline,
            Updating = _options.UpdateBaseline,
            Off = off.Count == 0 ? null : off,
        };
        return new Prepared(PromptFileChecker.Check(request), text, options, config);
    }

    private sealed record Prepared(PromptFileCheck Check, string Text, PromptFileOptions Options, FileConfig Config);

    // A file's results into the run, in the order the files were listed.
    private PromptFileCheck Integrate(CheckRun run, ProjectRun project, Prepared prepared)
    {
        var (check, text, options, config) = prepared;
        var cwd = Path.GetFullPath(_options.CurrentDirectory);
        if (check.Kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            return check;
        }

        run.Files++;
        project.Seen.Add(check.Id);
        project.Checks.Add((check, text, options));
        foreach (var prompt in check.Prompts)
        {
            var properties = MeasurementProperties.From(prompt.Measurement, check.Id, prompt.Template.Location.Line, prompt.Template.Role.ToName(), prompt.BaselineTokens)
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            if (MeasurementProperties.Read(properties) is { } reported)
            {
                project.Prompts.Add(reported);
            }
        }

        foreach (var located in check.Findings)
        {
            Add(project, located.Finding, null, located.Path, located.Position, located.PromptId, config, cwd);
        }

        foreach (var model in check.UnknownDefaultModels)
        {
            run.UnknownDefaultModels.Add(model);
        }

        run.DefaultConfig ??= config;
        return check;
    }

    private void CheckStdin(CheckRun run, string cwd)
    {
        var name = _options.StdinFileName ?? "<stdin>";
        var virtualPath = Path.GetFullPath(Path.Combine(cwd, _options.StdinFileName ?? "stdin.txt"));
        var project = new ProjectRun(cwd, new DirectoryInfo(cwd).Name)
        {
            Policy = new RegressionPolicy(_options.Threshold ?? RegressionPolicy.DefaultThresholdPercent, _options.MinTokens ?? RegressionPolicy.DefaultMinTokens),
            BaselinePath = string.Empty,
        };
        run.Projects.Add(project);
        project.Stdin = true;
        var kind = _options.Kind ?? (PromptFileKinds.Detect(virtualPath) == PromptFileKind.Unknown ? "text" : null);
        CheckText(run, project, virtualPath, name, _stdin.ReadToEnd(), kind, baseline: null);
        ReportUnknownDefaultModels(run);
    }

    private void ReportOrphans(ProjectRun project)
    {
        if (project.BaselineText is null || project.Baseline is null)
        {
            return;
        }

        var cwd = Path.GetFullPath(_options.CurrentDirectory);
        var config = _config.For(project.BaselinePath, project.Root);
        var text = new PromptFileText(project.BaselineText);
        foreach (var entry in PromptChecks.Orphans(project.Baseline, _options.UpdateBaseline, project.Seen.Contains))
        {
            // Entries of prompts in C# code are the build's to judge: only prompt-file entries whose file is gone are orphans here.
            if (!OwnedByCheck(project, entry.Id))
            {
                continue;
            }

            Add(project, PromptChecks.Orphan(entry.Id), "info", project.BaselinePath, PromptFileChecker.LineContent(text, entry.Line), null, config, cwd);
        }
    }

    // A baseline id this command answers for: a prompt file it checked, or the path of a prompt file that is gone.
    private static bool OwnedByCheck(ProjectRun project, string id)
        => project.Seen.Contains(id)
            || (PromptFileKinds.Detect(id) is not PromptFileKind.Unknown and not PromptFileKind.SemanticKernelConfig
                && PromptWorkspace.MatchesDefaultGlobs(id)
                && !File.Exists(Path.Combine(project.Root, id)));

    private void ReportUnknownDefaultModels(CheckRun run)
    {
        if (run.Projects.FirstOrDefault() is { } first)
        {
            var cwd = Path.GetFullPath(_options.CurrentDirectory);
            foreach (var (path, problem) in _modelDataProblems)
            {
                var text = new PromptFileText(File.ReadAllText(path));
                var finding = new RuleFinding(RuleCatalog.Get(RuleIds.MalformedPromptFile).Message, RuleTarget.Prompt, null, ("file", PromptWorkspace.Relative(first.Root, path)), ("problem", problem));
                Add(first, finding, null, path, PromptFileChecker.Clamp(text, 1, 1), null, run.DefaultConfig ?? FileConfig.Empty, cwd);
            }
        }

        foreach (var model in run.UnknownDefaultModels.OrderBy(m => m, StringComparer.OrdinalIgnoreCase))
        {
            if (PromptChecks.UnknownModel(model) is { } finding && run.Projects.FirstOrDefault() is { } project)
            {
                var severity = Severity(finding.RuleId, null, run.DefaultConfig ?? FileConfig.Empty);
                if (severity is not null)
                {
                    var item = new CheckedFinding(finding.RuleId, severity, string.Empty, string.Empty, string.Empty, 0, 0, 0, finding.Message, null, null);
                    project.Findings.Add(item);
                    project.Diagnostics.Add(new ReportDiagnostic { Id = finding.RuleId, Severity = severity, File = string.Empty, Line = 0, Message = finding.Message });
                }
            }
        }
    }

    private void Add(ProjectRun project, RuleFinding finding, string? defaultSeverity, string path, TextPosition position, string? promptId, FileConfig config, string cwd)
    {
        var severity = Severity(finding.RuleId, defaultSeverity, config);
        if (severity is null)
        {
            return;
        }

        var saved = finding.TokensSaved is > 0 ? finding.TokensSaved : null;
        var projectPath = PromptWorkspace.Relative(project.Root, path);
        var display = project.Stdin || path.Length == 0 ? (_options.StdinFileName ?? "<stdin>") : PromptWorkspace.Relative(cwd, path);
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

    /// <summary>
    /// The severity a rule's finding is shown at, as the build gives it for a prompt file: --severity (the command
    /// line's NoWarn/WarningsAsErrors), then a global config's dotnet_diagnostic.ID.severity, then the default. Null
    /// when hidden.
    /// </summary>
    private string? Severity(string id, string? defaultSeverity, FileConfig config)
    {
        var rule = RuleCatalog.Get(id);
        if (rule.Category == RuleCategory.Measurement)
        {
            return null;
        }

        string? level;
        if (_severityOverrides.TryGetValue(id, out var given))
        {
            level = given;
        }
        else
        {
            level = config.GlobalSeverity(id) ?? defaultSeverity ?? rule.DefaultSeverity switch
            {
                RuleSeverity.Error => "error",
                RuleSeverity.Warning => "warning",
                _ => "info",
            };
        }

        return level == "none" ? null : level;
    }

    private bool ParseSeverities()
    {
        foreach (var item in _options.Severities.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = item.IndexOf('=');
            var id = equals < 0 ? string.Empty : item.Substring(0, equals).Trim().ToUpperInvariant();
            var level = equals < 0 ? string.Empty : item.Substring(equals + 1).Trim().ToLowerInvariant();
            var normalized = level switch
            {
                "error" => "error",
                "warning" or "warn" => "warning",
                "info" or "suggestion" => "info",
                "none" or "silent" or "hidden" or "off" => "none",
                _ => null,
            };
            if (!RuleCatalog.All.Any(r => r.Id == id) || normalized is null)
            {
                _error.WriteLine($"promptlint: --severity '{item}' is not ID=LEVEL with a PromptLint rule id and error, warning, info or none");
                return false;
            }

            _severityOverrides[id] = normalized;
        }

        return true;
    }

    private bool ValidateKind()
    {
        if (_options.Kind is { } kind && PromptFileKinds.Parse(kind) is null)
        {
            _error.WriteLine($"promptlint: --kind '{kind}' is not one of prompty, sk-yaml, skprompt, github, text, tools");
            return false;
        }

        return true;
    }

    private bool LoadModelData(string cwd)
    {
        _catalog = ModelCatalog.Shipped;
        if (_options.ModelDataPath is not { } given)
        {
            return true;
        }

        var path = Path.GetFullPath(Path.Combine(cwd, given));
        if (!File.Exists(path))
        {
            _error.WriteLine($"promptlint: the model data '{given}' does not exist");
            return false;
        }

        var overrides = ModelCatalog.Parse(File.ReadAllText(path), out var problems);
        _catalog = _catalog.With(overrides);
        // Reported as PL0101 at the file's start, as the build reports them (taken into the first project's findings).
        _modelDataProblems = problems.Select(problem => (path, problem)).ToList();
        return true;
    }

    // --fix: every fixable finding shown in a file, through Core's fixes, one edit per file; written atomically.
    private (int Files, int Findings, long Tokens) Fix(CheckRun run)
    {
        var cwd = Path.GetFullPath(_options.CurrentDirectory);
        var (files, findings, tokens) = (0, 0, 0L);
        foreach (var project in run.Projects.Where(p => !p.Stdin))
        {
            foreach (var (check, text, options) in project.Checks)
            {
                var fixable = project.Findings
                    .Where(f => string.Equals(f.FullPath, check.Path, StringComparison.Ordinal) && PromptFileFixes.IsFixable(f.RuleId, check.Kind))
                    .ToList();
                if (fixable.Count == 0)
                {
                    continue;
                }

                var (edited, applied) = PromptFileFixes.ApplyAll(fixable.Select(f => f.RuleId), check.Kind, check.Path, text, options.Rules.DefaultMaxOutputTokens);
                if (applied.Count == 0 || string.Equals(edited, text, StringComparison.Ordinal))
                {
                    continue;
                }

                var fixedFindings = fixable.Where(f => applied.Contains(f.RuleId)).ToList();
                files++;
                findings += fixedFindings.Count;
                tokens += fixedFindings.Sum(f => (long)(f.TokensSaved ?? 0));
                if (_options.DryRun)
                {
                    _output.Write(UnifiedDiff.Create(PromptWorkspace.Relative(cwd, check.Path), text, edited));
                }
                else
                {
                    WritePreservingEncoding(check.Path, edited);
                }
            }
        }

        return (files, findings, tokens);
    }

    // The file keeps its encoding and byte order mark; written beside and moved over it, so no reader sees half of it.
    private static void WritePreservingEncoding(string path, string text)
    {
        Encoding encoding;
        using (var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
        {
            reader.Peek();
            encoding = reader.CurrentEncoding;
        }

        var bytes = File.ReadAllBytes(path);
        var preamble = encoding.GetPreamble();
        var hasBom = preamble.Length > 0 && bytes.Length >= preamble.Length && bytes.AsSpan(0, preamble.Length).SequenceEqual(preamble);
        var body = encoding.GetBytes(text);
        var content = hasBom ? preamble.Concat(body).ToArray() : body;
        PromptLint.Shared.AtomicFile.Write(path, content);
    }

    // --update-baseline: per project, the measured prompt files' entries, with the entries this command does not
    // answer for (prompts in C# code) kept as they are; the same bytes a build writes for the same prompts.
    private void WriteBaselines(CheckRun run)
    {
        foreach (var project in run.Projects.Where(p => !p.Stdin))
        {
            var report = ReportBuilder.Build(project.Name, project.Prompts, Array.Empty<ReportDiagnostic>());
            var entries = ReportBuilder.ToBaseline(report).ToList();
            if (project.Baseline is { IsUsable: true } old)
            {
                var measured = new HashSet<string>(entries.Select(e => e.Id), StringComparer.Ordinal);
                entries.AddRange(old.Entries.Values.Where(e => !measured.Contains(e.Id) && !OwnedByCheck(project, e.Id)));
            }

            var written = PromptLint.Shared.AtomicFile.WriteIfChanged(project.BaselinePath, BaselineSerializer.Write(entries));
            var display = PromptWorkspace.Relative(Path.GetFullPath(_options.CurrentDirectory), project.BaselinePath);
            _error.WriteLine(written
                ? $"promptlint: baseline {display} updated with {N(entries.Count)} prompt{Plural(entries.Count)}; commit it to accept the current footprint."
                : $"promptlint: baseline {display} already matches the current {N(entries.Count)} prompt{Plural(entries.Count)}.");
        }
    }

    private void Emit(string text)
    {
        if (string.IsNullOrEmpty(_options.OutputPath))
        {
            _output.Write(text);
            return;
        }

        PromptLint.Shared.AtomicFile.WriteIfChanged(Path.GetFullPath(Path.Combine(_options.CurrentDirectory, _options.OutputPath)), text);
    }

    private string Summary(CheckRun run, int errors, int warnings)
    {
        var prompts = run.Projects.Sum(p => p.Prompts.Count);
        var tokens = run.Projects.Sum(p => p.Prompts.Sum(q => (long)q.StaticTokens));
        var infos = run.Findings.Count(f => f.Severity == "info");
        var saving = run.Findings.Sum(f => (long)(f.TokensSaved ?? 0));
        var fixable = run.Projects.SelectMany(p => p.Checks.SelectMany(c => p.Findings.Where(f => f.FullPath == c.Check.Path && PromptFileFixes.IsFixable(f.RuleId, c.Check.Kind)))).Count();
        var text = $"promptlint: {N(run.Files)} file{Plural(run.Files)}, {N(prompts)} prompt{Plural(prompts)}, {N(tokens)} tokens; {N(errors)} error{Plural(errors)}, {N(warnings)} warning{Plural(warnings)}, {N(infos)} info";
        if (saving > 0)
        {
            text += $"; fixing them saves {N(saving)} tokens per call";
        }

        if (fixable > 0 && !_options.Fix)
        {
            text += $"; {N(fixable)} fixable with --fix";
        }

        return text;
    }

    private string Display(string path) => PromptWorkspace.Relative(Path.GetFullPath(_options.CurrentDirectory), path);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(long count) => count == 1 ? string.Empty : "s";
}

/// <summary>Everything one run of <c>promptlint check</c> found.</summary>
internal sealed class CheckRun
{
    public List<ProjectRun> Projects { get; } = new();

    public int Files { get; set; }

    public int Unreadable { get; set; }

    public HashSet<string> UnknownDefaultModels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FileConfig? DefaultConfig { get; set; }

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
