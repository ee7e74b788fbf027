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

using static PromptLint.Cli.Check.Counts;

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
    private SeverityPolicy _severity = SeverityPolicy.Defaults;
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
        // The command line's validators have checked --severity, --kind and --dry-run; a host that builds the options
        // itself gets the same answers here.
        if (!SeverityPolicy.TryParse(_options.Severities, _error, out _severity) || CheckOptionProblems.Of(_options) is { } problem && Fail(problem))
        {
            return Commands.BadInput;
        }

        if (!CheckMoney.TryRead(_options, _error, out var traffic, out var budget))
        {
            return Commands.BadInput;
        }

        Timings.Mark("check starts", _error);
        var run = Analyze(out var bad);
        Timings.Mark("analyzed", _error);
        Timings.Rules(_error);
        if (bad)
        {
            return Commands.BadInput;
        }

        if (_options.Fix)
        {
            var fixes = PromptFileFixer.Fix(run, _options.DryRun, Path.GetFullPath(_options.CurrentDirectory), _output);
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
            BaselineWriter.Write(run, Path.GetFullPath(_options.CurrentDirectory), _error);
        }

        (run.Traffic, run.MonthlyBudget, run.Catalog) = (traffic, budget, _catalog);
        Emit(CheckOutput.Render(_options.Format, run, _catalog));
        Timings.Mark("written", _error);
        var errors = run.Findings.Count(f => f.Severity == SeverityNames.Error);
        var warnings = run.Findings.Count(f => f.Severity == SeverityNames.Warning);
        if (_options.Format == "pretty")
        {
            _error.WriteLine(CheckOutput.Summary(run, errors, warnings, _options.Fix));
        }

        var overBudget = CheckMoney.Judge(run, _catalog, _error);
        if (errors > 0 || overBudget)
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

        BaselineWriter.Write(run, Path.GetFullPath(_options.CurrentDirectory), _error);
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
            System.Threading.Tasks.Parallel.For(0, list.Count, new System.Threading.Tasks.ParallelOptions { CancellationToken = _options.Cancellation }, i => prepared[i] = PrepareFile(project, list[i], explicitFiles.Contains(list[i]) ? _options.Kind ?? PromptFileKinds.DetectKindName : PromptFileKinds.DetectKindName));
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
        DecodedPromptFile decoded;
        try
        {
            decoded = PromptFileDecoding.Decode(file, File.ReadAllBytes(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_error)
            {
                _error.WriteLine($"promptlint: cannot read '{file}': {ex.Message}");
            }

            return null;
        }

        // Bytes that are not text PromptLint reads are reported, not measured; the lenient text only tells the file's kind.
        return decoded.Text is { } text
            ? Prepare(project, file, PromptWorkspace.Relative(project.Root, file), text, kind, project.Baseline)
            : Prepare(project, file, PromptWorkspace.Relative(project.Root, file), File.ReadAllText(file), kind, project.Baseline, decoded.Problem);
    }

    private PromptFileCheck CheckText(CheckRun run, ProjectRun project, string file, string id, string text, string? kind, BaselineDocument? baseline)
        => Integrate(run, project, Prepare(project, file, id, text, kind, baseline));

    // The checks of one file: no shared state is changed here, so files are checked in parallel.
    private Prepared Prepare(ProjectRun project, string file, string id, string text, string? kind, BaselineDocument? baseline, PromptFileResult? unreadable = null)
    {
        var config = _config.For(file, project.Root);
        var options = PromptLintOptions.ForFile(config.Raw, _options.Model, project.Policy);
        var off = CostRules.Entries.Select(r => r.Id).Where(id => _severity.For(id, null, config) is null).ToList();
        var directory = Path.GetDirectoryName(file)!;
        var request = new PromptFileCheckRequest(file, id, text, options)
        {
            KindName = kind,
            Unreadable = unreadable,
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
            if (!BaselineWriter.OwnedByCheck(project, entry.Id))
            {
                continue;
            }

            Add(project, PromptChecks.Orphan(entry.Id), SeverityNames.Info, project.BaselinePath, PromptFileChecker.LineContent(text, entry.Line), null, config, cwd);
        }
    }

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
                var severity = _severity.For(finding.RuleId, null, run.DefaultConfig ?? FileConfig.Empty);
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
        var severity = _severity.For(finding.RuleId, defaultSeverity, config);
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

    private bool Fail(string problem)
    {
        _error.WriteLine("promptlint: " + problem);
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

    private void Emit(string text)
    {
        if (string.IsNullOrEmpty(_options.OutputPath))
        {
            _output.Write(text);
            return;
        }

        PromptLint.Shared.AtomicFile.WriteIfChanged(Path.GetFullPath(Path.Combine(_options.CurrentDirectory, _options.OutputPath)), text);
    }

    private string Display(string path) => PromptWorkspace.Relative(Path.GetFullPath(_options.CurrentDirectory), path);
}
