using System;
using System.IO;
using System.Text;

using PromptLint.Contracts.Reporting;

namespace PromptLint.Cli.Commands;

/// <summary>What <c>merge</c> and <c>diff</c> share: reading a report.json, and writing the Markdown they make.</summary>
internal static class ReportArguments
{
    /// <summary>Reads a report.json; false (after naming the file and the problem) when it cannot be used.</summary>
    public static bool TryRead(string path, TextWriter error, out FootprintReport report)
    {
        try
        {
            report = ReportJsonReader.Read(File.ReadAllText(path));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"promptlint: cannot use '{path}': {ex.Message}");
            report = new FootprintReport();
            return false;
        }
    }

    /// <summary>Writes <paramref name="markdown"/> to standard output, or to <paramref name="outputPath"/> (UTF-8 without BOM) and says so.</summary>
    public static void Emit(string markdown, string? outputPath, TextWriter output)
    {
        if (string.IsNullOrEmpty(outputPath))
        {
            output.Write(markdown);
        }
        else
        {
            File.WriteAllText(outputPath, markdown, new UTF8Encoding(false));
            output.WriteLine("promptlint: wrote " + outputPath);
        }
    }
}
