using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Cli.Commands;

/// <summary><c>promptlint diff BASE HEAD</c>: two builds' reports compared, as the pull request's report.md.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var before = new Argument<string>("base") { Description = "report.json of the base build." };
        var after = new Argument<string>("head") { Description = "report.json of the pull request's build." };
        var regression = new RegressionOptions();
        var output = CommonOptions.Output("the Markdown");
        var command = new Command("diff", "Compare two builds; exit code 1 when a prompt regressed.") { before, after, regression.Threshold, regression.MinTokens, output };
        CommandAction.Set(command, stderr, (result, _) => Run(result.GetValue(before)!, result.GetValue(after)!, regression.Read(result), result.GetValue(output), stdout, stderr));
        return command;
    }

    /// <summary>Compares two builds' reports (base branch, pull request); exit code 1 when a prompt grew past the threshold.</summary>
    public static int Run(string basePath, string headPath, RegressionPolicy policy, string? outputPath, TextWriter output, TextWriter error)
    {
        if (!ReportArguments.TryRead(basePath, error, out var before) || !ReportArguments.TryRead(headPath, error, out var after))
        {
            return ExitCodes.BadInput;
        }

        var baseline = before.Prompts.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compared = new FootprintReport { Project = after.Project };
        var regressed = new List<string>();
        foreach (var prompt in after.Prompts)
        {
            var copy = Clone(prompt);
            if (baseline.TryGetValue(prompt.Id, out var old))
            {
                copy.BaselineStaticTokens = old.StaticTokens;
                copy.Delta = prompt.StaticTokens - old.StaticTokens;
                if (policy.Compare(old.StaticTokens, prompt.StaticTokens).IsRegression)
                {
                    regressed.Add(prompt.Id);
                }
            }
            else
            {
                copy.BaselineStaticTokens = null;
                copy.Delta = null;
            }

            compared.Prompts.Add(copy);
        }

        var removed = before.Prompts.Where(p => after.Prompts.All(q => q.Id != p.Id))
            .Select(p => new BaselineEntry(p.Id, p.Tokenizer, p.StaticTokens, p.StaticPrefixTokens, p.ToolSchemaTokens, string.Empty)).ToList();
        ReportArguments.Emit(ReportMarkdownWriter.Write(compared, removed, regressed, policy.ThresholdPercent, ModelCatalog.Shipped), outputPath, output);
        return regressed.Count > 0 ? ExitCodes.Regressed : ExitCodes.Ok;
    }

    private static ReportPrompt Clone(ReportPrompt p) => new()
    {
        Id = p.Id, File = p.File, Line = p.Line, Role = p.Role, Model = p.Model, Tokenizer = p.Tokenizer, Exact = p.Exact,
        StaticTokens = p.StaticTokens, StaticPrefixTokens = p.StaticPrefixTokens, Holes = p.Holes, ToolSchemaTokens = p.ToolSchemaTokens,
        OutputCap = p.OutputCap, BaselineStaticTokens = p.BaselineStaticTokens, Delta = p.Delta, ContentHash = p.ContentHash,
        LargestBranch = p.LargestBranch, ModelAssumed = p.ModelAssumed,
    };
}
