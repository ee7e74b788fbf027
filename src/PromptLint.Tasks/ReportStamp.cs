using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace PromptLint.Tasks;

/// <summary>
/// What the reports in a folder were made from (a hash of the records, baseline, model data and settings) and the
/// summary line they gave. A build whose inputs hash the same reuses the reports instead of writing them again.
/// </summary>
internal sealed class ReportStamp
{
    private readonly string _path;
    private readonly string _key;

    public ReportStamp(string reportDirectory, string key)
    {
        _path = Path.Combine(reportDirectory, ".report-inputs");
        _key = key;
    }

    /// <summary>The summary line of the last build, when its inputs were these and its reports are all there; otherwise null.</summary>
    public string? UnchangedSummary(string[] reports)
    {
        if (!File.Exists(_path) || !reports.All(File.Exists))
        {
            return null;
        }

        var lines = File.ReadAllText(_path).Split('\n');
        return lines.Length >= 2 && lines[0] == _key && lines[1].Length > 0 ? lines[1] : null;
    }

    public void Save(string summaryLine) => Shared.AtomicFile.WriteIfChanged(_path, _key + "\n" + summaryLine + "\n");

    public static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(text))).Replace("-", string.Empty);
    }
}
