using System;
using System.IO;
using System.Text;

namespace PromptLint.Shared;

/// <summary>
/// Writes files so that a reader never sees half of one: write beside, then replace. Compiled into the analyzer (the
/// run record of a command-line build and, for a single-target build, its report files) and into the MSBuild task
/// (reports and the baseline).
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) unless the file already holds exactly it; returns true when written.</summary>
    public static bool WriteIfChanged(string path, string content)
    {
        var bytes = Utf8NoBom.GetBytes(content);
#pragma warning disable RS1035 // In the analyzer this runs only for a command-line build's hand-over, to paths the targets pass in (RunRecordCollector), never in the IDE; the task is not an analyzer.
        if (File.Exists(path) && BytesEqual(File.ReadAllBytes(path), bytes))
        {
            return false;
        }
#pragma warning restore RS1035

        Write(path, bytes);
        return true;
    }

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) even when unchanged, so the file's time stamp is now.</summary>
    public static void Write(string path, string content) => Write(path, Utf8NoBom.GetBytes(content));

    public static void Write(string path, byte[] bytes)
    {
#pragma warning disable RS1035 // See WriteIfChanged.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        File.WriteAllBytes(temp, bytes);
        try
        {
            if (File.Exists(path))
            {
                File.Replace(temp, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
#pragma warning restore RS1035
    }

    private static bool BytesEqual(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}
