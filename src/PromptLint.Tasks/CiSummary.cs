using System;
using System.IO;
using System.Text;
using Microsoft.Build.Utilities;

namespace PromptLint.Tasks;

/// <summary>
/// Puts report.md where CI shows it: appended to GitHub Actions' step summary, uploaded as an Azure Pipelines run
/// summary. Each step's summary gets a given report once, however many builds of the step write it.
/// </summary>
internal sealed class CiSummary
{
    private readonly string _marker;

    public CiSummary(string reportDirectory) => _marker = Path.Combine(reportDirectory, ".step-summary");

    public void Publish(string markdownFile, TaskLoggingHelper log)
    {
        var summary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (!string.IsNullOrEmpty(summary))
        {
            var markdown = File.ReadAllText(markdownFile);
            // Which summary got which report: a rebuild in the same step appends nothing, a new step or a changed report does.
            var sent = Path.GetFullPath(summary) + "\n" + ReportStamp.Hash(markdown) + "\n";
            if (!File.Exists(_marker) || File.ReadAllText(_marker) != sent)
            {
                File.AppendAllText(summary, markdown + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Shared.AtomicFile.Write(_marker, sent);
            }
        }

        if (string.Equals(Environment.GetEnvironmentVariable("TF_BUILD"), "True", StringComparison.OrdinalIgnoreCase))
        {
            log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "##vso[task.uploadsummary]{0}", Path.GetFullPath(markdownFile));
        }
    }
}
