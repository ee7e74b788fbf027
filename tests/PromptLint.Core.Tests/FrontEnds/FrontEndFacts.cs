using System.Text;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>Shared helpers: segment shapes, a full dump for LF/CRLF comparisons, problem lookup.</summary>
internal static class FrontEndFacts
{
    public static (bool IsHole, string Text) S(string text) => (false, text);

    public static (bool IsHole, string Text) H(string name) => (true, name);

    public static (bool IsHole, string Text)[] Shape(PromptMessage message) => Shape(message.Segments);

    public static (bool IsHole, string Text)[] Shape(IReadOnlyList<PromptSegment> segments)
        => segments.Select(s => (s.IsHole, s.Text)).ToArray();

    public static string[] HoleNames(PromptTemplate template)
        => template.Messages.SelectMany(m => m.Segments).Where(s => s.IsHole).Select(s => s.Text).ToArray();

    public static string Crlf(string lf) => lf.Replace("\r\n", "\n").Replace("\n", "\r\n");

    public static PromptFileInput Input(string path, string text, Func<string, (string Path, string Text)?>? companions = null)
        => new(path, path.Replace('\\', '/'), text, companions);

    /// <summary>The one template a good file gives, after checking that nothing was reported.</summary>
    public static PromptTemplate Single(PromptFileResult result)
    {
        Assert.True(result.Problems.Count == 0, "unexpected problems: " + string.Join("; ", result.Problems.Select(Describe)));
        return Assert.Single(result.Templates);
    }

    /// <summary>The one problem a bad file gives.</summary>
    public static PromptFileProblem SingleProblem(PromptFileResult result)
    {
        Assert.True(result.Problems.Count == 1, "expected one problem, got: " + string.Join("; ", result.Problems.Select(Describe)));
        return result.Problems[0];
    }

    public static string Describe(PromptFileProblem p) => $"{p.Path}({p.Line},{p.Column}): {p.Message}";

    /// <summary>Everything a result holds, as text: two results that read the same dump the same.</summary>
    public static string Dump(PromptFileResult result)
    {
        var b = new StringBuilder();
        foreach (var t in result.Templates)
        {
            b.Append("template ").Append(t.Id).Append(" at ").Append(t.Location).Append(" role ").Append(t.Role)
                .Append(" model ").Append(t.Model ?? "-").Append(" at ").Append(t.ModelLocation?.ToString() ?? "-")
                .Append(" cap ").Append(t.OutputCap?.ToString() ?? "-").Append('\n');
            foreach (var tool in t.Tools)
            {
                b.Append("  tool ").Append(tool.Name).Append(" at ").Append(tool.Location).Append(' ').Append(tool.WireJson).Append('\n');
            }

            foreach (var m in t.Messages)
            {
                b.Append("  ").Append(m.Role).Append('\n');
                foreach (var s in m.Segments)
                {
                    b.Append("    ").Append(s.IsHole ? "hole " : "text ").Append(s.Text.Replace("\n", "\\n")).Append('\n');
                }
            }
        }

        foreach (var p in result.Problems)
        {
            b.Append("problem ").Append(Describe(p)).Append('\n');
        }

        return b.ToString();
    }
}
