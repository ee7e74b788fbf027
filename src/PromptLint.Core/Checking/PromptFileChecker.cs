using System;
using System.Collections.Generic;
using System.Linq;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Text;

namespace PromptLint.Core.Checking;

/// <summary>
/// One prompt file through the pipeline the analyzer runs on a prompt file handed over as an additional file: its
/// front end, the measurer, the rules (<see cref="RuleResultCache"/>), the baseline and model checks
/// (<see cref="PromptChecks"/>), each finding placed at the line and column the build reports it at
/// (<see cref="PromptFileText.Locate"/> for static text; the file's start for call-level findings; a tool's
/// declaration; the prompt's start otherwise). For hosts without a compiler (<c>promptlint check</c>): no I/O here,
/// the caller reads the files and the settings.
/// </summary>
public static class PromptFileChecker
{
    /// <summary>Checks one file.</summary>
    public static PromptFileCheck Check(PromptFileCheckRequest request)
    {
        var limits = request.Options.Limits;
        var kind = PromptFileKinds.Resolve(request.KindName, request.Path, request.Text.Length, () => request.Text, limits.MaxCharacters);
        kind = request.Evidence?.Refine(kind, request.KindName, request.Path, () => request.Text) ?? kind;
        var check = new PromptFileCheck(request.Path, request.Id, kind);
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            return check;
        }

        var text = new PromptFileText(request.Text);
        PromptFileResult result;
        try
        {
            result = request.Unreadable ?? PromptFileReader.TooLong(request.Path, request.Text.Length, limits)
                ?? PromptFileReader.Read(new PromptFileInput(request.Path, request.Id, request.Text, request.Companions, limits) { DecodedStrictly = request.DecodedStrictly, Discovered = PromptFileKinds.IsDiscovered(request.KindName) }, kind);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            check.Add(PromptChecks.AnalysisFailed($"prompt file '{request.Id}'", ex), request.Path, Clamp(text, 1, 1), null);
            return check;
        }

        // A companion's lines are indexed once per file, not once per problem (a config.json with 10,000 bad values).
        var companions = new Dictionary<string, PromptFileText?>(StringComparer.Ordinal);
        foreach (var problem in result.Problems)
        {
            var finding = new RuleFinding(RuleCatalog.Get(RuleIds.MalformedPromptFile).Message, RuleTarget.Prompt, null, ("file", problem.Path == request.Path ? request.Id : request.RelativePath(problem.Path)), ("problem", problem.Message));
            if (problem.Path != request.Path && !companions.ContainsKey(problem.Path))
            {
                companions[problem.Path] = request.Companions?.Invoke(System.IO.Path.GetFileName(problem.Path)) is { } companion ? new PromptFileText(companion.Text) : null;
            }

            var other = problem.Path == request.Path ? text : companions[problem.Path];
            check.Add(finding, problem.Path, other is null ? new TextPosition(Math.Max(1, problem.Line), Math.Max(1, problem.Column), 0) : Clamp(other, problem.Line, problem.Column), null);
        }

        foreach (var template in result.Templates)
        {
            try
            {
                CheckTemplate(request, check, text, template);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                check.Add(PromptChecks.AnalysisFailed($"prompt '{template.Id}'", ex), request.Path, Clamp(text, template.Location.Line, template.Location.Column), template.Id);
            }
        }

        return check;
    }

    private static void CheckTemplate(PromptFileCheckRequest request, PromptFileCheck check, PromptFileText text, PromptTemplate template)
    {
        var options = request.Options;
        var outcome = PromptPipeline.Run(template, new PromptContext(options.Model, options.Policy, options.Rules)
        {
            Catalog = request.Catalog,
            Baseline = request.Baseline,
            Updating = request.Updating,
            Off = request.Off,
        });
        var at = Clamp(text, template.Location.Line, template.Location.Column);
        var call = Clamp(text, 1, 1);
        foreach (var finding in outcome.Findings)
        {
            var position = finding.Target switch
            {
                RuleTarget.Call or RuleTarget.SentModel => call,
                _ => finding.Evidence is { } evidence && text.Locate(template, evidence) is { } exact ? exact
                    : finding.Tool is { } tool && tool < template.Tools.Count && string.Equals(template.Tools[tool].Location.Path, request.Path, StringComparison.Ordinal) ? LineContent(text, template.Tools[tool].Location.Line)
                    : at,
            };
            check.Add(finding, request.Path, position, template.Id);
        }

        if (outcome.UnknownModel is { } unknown)
        {
            if (template.Model is not null && template.ModelLocation is { } model)
            {
                check.Add(unknown, request.Path, Clamp(text, model.Line, model.Column), null);
            }
            else
            {
                check.UnknownDefaultModels.Add(outcome.UnknownModelName!);
            }
        }

        foreach (var finding in new[] { outcome.Baseline.Missing, outcome.Baseline.Mismatch, outcome.Baseline.Regressed, outcome.Baseline.CostRegressed })
        {
            if (finding is not null)
            {
                check.Add(finding, request.Path, at, template.Id);
            }
        }

        check.Prompts.Add(new CheckedPrompt(template, outcome.Measurement, outcome.Baseline.BaselineTokens));
    }

    /// <summary>A line and column clamped the way the analyzer's locations are (<see cref="LineClamp"/>): into the file, the column onto its line.</summary>
    public static TextPosition Clamp(PromptFileText text, int line, int column)
    {
        var (l, c, start) = LineClamp.Clamp(text, line, column);
        return new TextPosition(l, c, text.LineEnd(l) - start);
    }

    /// <summary>The line's content without its indentation: where a tool or a baseline entry is reported.</summary>
    public static TextPosition LineContent(PromptFileText text, int line) => Clamp(text, line, LineClamp.ContentColumn(text, line));
}

/// <summary>One prompt file to check, with everything the checks depend on.</summary>
public sealed class PromptFileCheckRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="path">The file's path as findings name it.</param>
    /// <param name="id">The file's id: its path relative to the project, with '/'.</param>
    /// <param name="text">Its text.</param>
    /// <param name="options">The settings in force for it.</param>
    public PromptFileCheckRequest(string path, string id, string text, PromptFileOptions options)
    {
        Path = path;
        Id = id;
        Text = text;
        Options = options;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's id.</summary>
    public string Id { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>The settings.</summary>
    public PromptFileOptions Options { get; }

    /// <summary>An explicit kind (<c>PromptLintKind</c>), or null to tell it from the name.</summary>
    public string? KindName { get; set; }

    /// <summary>Why its bytes are not measured (not UTF-8, not text: <see cref="PromptFileDecoding"/>), or null.</summary>
    public PromptFileResult? Unreadable { get; set; }

    /// <summary>True when the host decoded the file's bytes strictly (a U+FFFD in its text is a character of the file).</summary>
    public bool DecodedStrictly { get; set; }

    /// <summary>What the run's other files say about this one (a flow naming it as a template), or null.</summary>
    public PromptFileEvidence? Evidence { get; set; }

    /// <summary>Files beside it by name (an skprompt.txt's config.json).</summary>
    public Func<string, (string Path, string Text)?>? Companions { get; set; }

    /// <summary>Path relative to the project for another file (a companion's problems).</summary>
    public Func<string, string> RelativePath { get; set; } = p => p.Replace('\\', '/');

    /// <summary>Models and prices.</summary>
    public ModelCatalog Catalog { get; set; } = ModelCatalog.Shipped;

    /// <summary>The baseline, when there is one.</summary>
    public BaselineDocument? Baseline { get; set; }

    /// <summary>True while the baseline is being rewritten: no gate findings.</summary>
    public bool Updating { get; set; }

    /// <summary>Rules switched off for the file: not evaluated.</summary>
    public IReadOnlyCollection<string>? Off { get; set; }
}

/// <summary>What checking one prompt file found.</summary>
public sealed class PromptFileCheck
{
    internal PromptFileCheck(string path, string id, PromptFileKind kind)
    {
        Path = path;
        Id = id;
        Kind = kind;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's id (the baseline sees it even when nothing could be measured).</summary>
    public string Id { get; }

    /// <summary>The kind it was read as; <see cref="PromptFileKind.Unknown"/> when it is not a prompt file.</summary>
    public PromptFileKind Kind { get; }

    /// <summary>The prompts measured.</summary>
    public List<CheckedPrompt> Prompts { get; } = new();

    /// <summary>The findings, each at its place.</summary>
    public List<LocatedFinding> Findings { get; } = new();

    /// <summary>Default models the registry does not know (PL0102 is reported once per run for them, without a place).</summary>
    public HashSet<string> UnknownDefaultModels { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal void Add(RuleFinding finding, string path, TextPosition position, string? promptId)
        => Findings.Add(new LocatedFinding(finding, path, position, promptId));
}

/// <summary>A measured prompt.</summary>
public sealed class CheckedPrompt
{
    internal CheckedPrompt(PromptTemplate template, PromptMeasurement measurement, int? baselineTokens)
    {
        Template = template;
        Measurement = measurement;
        BaselineTokens = baselineTokens;
    }

    /// <summary>The prompt.</summary>
    public PromptTemplate Template { get; }

    /// <summary>Its measurement.</summary>
    public PromptMeasurement Measurement { get; }

    /// <summary>Its accepted count in the baseline, when the baseline has one.</summary>
    public int? BaselineTokens { get; }
}

/// <summary>A finding at the place the build reports it.</summary>
public sealed class LocatedFinding
{
    internal LocatedFinding(RuleFinding finding, string path, TextPosition position, string? promptId)
    {
        Finding = finding;
        Path = path;
        Position = position;
        PromptId = promptId;
    }

    /// <summary>The finding.</summary>
    public RuleFinding Finding { get; }

    /// <summary>The file it is in.</summary>
    public string Path { get; }

    /// <summary>Line, column and length.</summary>
    public TextPosition Position { get; }

    /// <summary>The prompt it is about (the report's <c>promptId</c>), when it is about one.</summary>
    public string? PromptId { get; }
}
