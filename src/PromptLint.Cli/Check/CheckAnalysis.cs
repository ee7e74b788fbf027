using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Reporting;

namespace PromptLint.Cli.Check;

/// <summary>
/// The findings and measurements of one run of <c>promptlint check</c>: the files <see cref="PromptDiscovery"/> finds
/// (or standard input), each read with its settings and run through Core's <see cref="PromptFileChecker"/> (the
/// analyzer's pipeline for prompt files), taken into the run by <see cref="FindingRecorder"/>. No rule logic here.
/// </summary>
internal sealed class CheckAnalysis
{
    private readonly CheckOptions _options;
    private readonly TextReader _stdin;
    private readonly TextWriter _error;
    private readonly string _cwd;
    private readonly EditorConfigSettings _config = new();
    private readonly FindingRecorder _findings;
    private PromptFileEvidence? _evidence;

    public CheckAnalysis(CheckOptions options, TextReader stdin, TextWriter error)
    {
        _options = options;
        _stdin = stdin;
        _error = error;
        _cwd = Path.GetFullPath(options.CurrentDirectory);
        _findings = new FindingRecorder(options.Severity, _cwd, options.StdinFileName);
    }

    /// <summary>Models and prices in force: the shipped ones, with <c>--model-data</c> over them once a run has read it.</summary>
    public ModelCatalog Catalog { get; private set; } = ModelCatalog.Shipped;

    /// <summary>Checks every file the options name (or standard input); <paramref name="bad"/> when a path names nothing or a file cannot be read.</summary>
    public CheckRun Run(out bool bad)
    {
        var run = new CheckRun();
        if (!ModelDataFile.TryLoad(_options.ModelDataPath, _cwd, _error, out var catalog, out var modelDataProblems))
        {
            bad = true;
            return run;
        }

        Catalog = catalog;
        if (_options.ReadsStdin)
        {
            CheckStdin(run);
            _findings.RunFindings(run, modelDataProblems);
            bad = false;
            return run;
        }

        if (PromptDiscovery.Find(_options.Paths.Count == 0 ? new List<string> { "." } : _options.Paths, _cwd, _error) is not { } found)
        {
            bad = true;
            return run;
        }

        _evidence = NeighbourFiles.EvidenceIn(found.Projects.SelectMany(p => p.Files));
        foreach (var (root, globbed) in found.Projects)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            var project = NewProject(root);
            run.Projects.Add(project);
            // Templates a flow names that no glob takes are read too, settled by the flows as in the build.
            var flowTemplates = NeighbourFiles.FlowTemplatesNotFound(root, globbed, _evidence);
            var files = flowTemplates.Count == 0 ? globbed : globbed.Concat(flowTemplates).ToList();
            // Each file is checked on its own (in parallel), then taken into the run in order.
            var prepared = new Prepared?[files.Count];
            Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = _options.Cancellation }, i => prepared[i] = PrepareFile(project, files[i], i >= globbed.Count ? PromptFileKinds.FlowTemplateKindName : found.IsNamed(files[i]) && _options.Kind is { } kind ? KindNames.Of(kind) : PromptFileKinds.DetectKindName));
            for (var i = 0; i < files.Count; i++)
            {
                if (prepared[i] is not { } done)
                {
                    run.Unreadable++;
                    continue;
                }

                Integrate(run, project, done);
                if (done.Check.Kind is PromptFileKind.Unknown && PromptFileKinds.SkippedAsTooLong(PromptFileKinds.DetectKindName, done.Text.Length, done.Options.Limits.MaxCharacters)
                    && !(found.IsNamed(files[i]) && _options.Kind is not null))
                {
                    // Found (or named without --kind) and longer than PromptLint reads: a note, not PL0101 (issue 29).
                    _error.WriteLine(string.Format(CultureInfo.InvariantCulture, "promptlint: skipped {0}: {1:N0} characters, more than the {2:N0} PromptLint reads from a file it finds by itself; if it is one prompt, name its format with --kind (or raise {3})", PromptWorkspace.Relative(_cwd, files[i]), done.Text.Length, done.Options.Limits.MaxCharacters, SettingKeys.MaxPromptFileChars));
                }
                else if (found.IsNamed(files[i]) && done.Check.Kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
                {
                    _error.WriteLine($"promptlint: skipped {PromptWorkspace.Relative(_cwd, files[i])}: not a prompt file PromptLint recognises by its name and content; name its format with --kind");
                }
            }

            Timings.Mark($"checked {files.Count} files in {PromptWorkspace.Relative(_cwd, root)}", _error);
            _findings.Orphans(project, _config.For(project.BaselinePath, project.Root), _options.UpdateBaseline);
        }

        _findings.RunFindings(run, modelDataProblems);
        bad = run.Unreadable > 0; // a file named or found that cannot be read is bad input
        return run;
    }

    private ProjectRun NewProject(string root)
    {
        var project = new ProjectRun(root, ProjectName(root));
        project.BaselinePath = _options.BaselinePath is { } given ? Path.GetFullPath(Path.Combine(_cwd, given)) : Path.Combine(root, PromptWorkspace.BaselineName);
        project.Policy = _options.Policy;
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
                    _findings.Add(project, finding, null, project.BaselinePath, PromptFileChecker.Clamp(text, problem.Line, problem.Column), null, config);
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
            ? Prepare(project, file, PromptWorkspace.Relative(project.Root, file), text, kind, project.Baseline, decodedStrictly: true)
            : Prepare(project, file, PromptWorkspace.Relative(project.Root, file), File.ReadAllText(file), kind, project.Baseline, decoded.Problem);
    }

    // The checks of one file: no shared state is changed here, so files are checked in parallel.
    private Prepared Prepare(ProjectRun project, string file, string id, string text, string? kind, BaselineDocument? baseline, PromptFileResult? unreadable = null, bool decodedStrictly = false)
    {
        var config = _config.For(file, project.Root);
        var options = PromptLintOptions.ForFile(config.Raw, _options.Model, project.Policy);
        var off = CostRules.Entries.Select(r => r.Id).Where(id => _options.Severity.For(id, null, config) is null).ToList();
        var directory = Path.GetDirectoryName(file)!;
        var request = new PromptFileCheckRequest(file, id, text, options)
        {
            KindName = kind,
            Evidence = _evidence,
            DecodedStrictly = decodedStrictly,
            Unreadable = unreadable,
            Companions = name =>
            {
                var sibling = Path.Combine(directory, name);
                return File.Exists(sibling) ? (sibling, File.ReadAllText(sibling)) : null;
            },
            RelativePath = p => PromptWorkspace.Relative(project.Root, p),
            Catalog = Catalog,
            Baseline = baseline,
            Updating = _options.UpdateBaseline,
            Off = off.Count == 0 ? null : off,
        };
        return new Prepared(PromptFileChecker.Check(request), text, options, config);
    }

    private sealed record Prepared(PromptFileCheck Check, string Text, PromptFileOptions Options, FileConfig Config);

    // A file's results into the run, in the order the files were listed.
    private void Integrate(CheckRun run, ProjectRun project, Prepared prepared)
    {
        var (check, text, options, config) = prepared;
        if (check.Kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            return;
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
            _findings.Add(project, located.Finding, null, located.Path, located.Position, located.PromptId, config);
        }

        foreach (var model in check.UnknownDefaultModels)
        {
            run.UnknownDefaultModels.Add(model);
        }

        run.DefaultConfig ??= config;
    }

    private void CheckStdin(CheckRun run)
    {
        var name = _options.StdinFileName ?? "<stdin>";
        var virtualPath = Path.GetFullPath(Path.Combine(_cwd, _options.StdinFileName ?? "stdin.txt"));
        var project = new ProjectRun(_cwd, new DirectoryInfo(_cwd).Name) { Policy = _options.Policy, BaselinePath = string.Empty, Stdin = true };
        run.Projects.Add(project);
        var kind = _options.Kind is { } given ? KindNames.Of(given) : PromptFileKinds.Detect(virtualPath) == PromptFileKind.Unknown ? "text" : null;
        var text = _stdin.ReadToEnd();
        _options.Cancellation.ThrowIfCancellationRequested();
        Integrate(run, project, Prepare(project, virtualPath, name, text, kind, baseline: null));
    }
}
