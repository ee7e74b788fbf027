using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads agent and Copilot prompt files (<c>*.prompt.md</c>, <c>*.agent.md</c>, <c>*.instructions.md</c>, <c>AGENTS.md</c>,
/// <c>SKILL.md</c>, <c>copilot-instructions.md</c>, command <c>.md</c> files). YAML front matter is the tool's
/// configuration (name, description, tools, model) and is never sent; the body is one message. Holes are what the tools
/// fill in: <c>$ARGUMENTS</c> (Claude Code and spec-kit commands), VS Code's <c>${input:name}</c>, <c>${selection}</c>,
/// <c>${file}</c> and the like, and GitHub's <c>${{ … }}</c> expressions outside code. Braces are text: <c>{name}</c> and
/// <c>{{name}}</c> mean nothing to these tools.
/// </summary>
public static class AgentFileFrontEnd
{
    private static readonly Regex Hole = new(
        @"\$ARGUMENTS\b|\$\{input:[^}\r\n]{1,200}\}|\$\{(?:selection|selectedText|file|fileBasename|fileDirname|fileBasenameNoExtension|workspaceFolder|workspaceFolderBasename)\}|\$\{\{[^}\r\n]{1,400}\}\}",
        RegexOptions.CultureInvariant);

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var text = TextNormalizer.NormalizeLineEndings(input.Text).TrimStart('\uFEFF');
        var (bodyStart, bodyLine) = FrontMatter.BodyStart(text);
        var body = text.Substring(bodyStart);
        var leading = body.Length - body.TrimStart().Length;
        var content = body.Trim();
        if (content.Length == 0)
        {
            return PromptFileResult.Empty;
        }

        var origin = TemplateSyntax.Advance(new SourceLocation(input.Path, bodyLine, 1), 1, body, leading);
        var role = IsUserPrompt(input.Path) || AgenticWorkflowShape.Matches(input.Path, text.Length > PromptFileSniffer.HeadCharacters ? text.Substring(0, PromptFileSniffer.HeadCharacters) : text) ? PromptRole.User : PromptRole.System;
        var segments = Split(content, origin, role == PromptRole.User);
        var message = new PromptMessage(role, segments);
        var location = origin ?? new SourceLocation(input.Path, bodyLine, 1);
        return PromptFileResult.Of(new PromptTemplate(input.Id, location, role, new[] { message }), Array.Empty<PromptFileProblem>());
    }

    // A prompt file, a command or an agentic workflow's task is what the user sends; instructions, agents and skills are the system's.
    private static bool IsUserPrompt(string path)
    {
        var normalized = path.Replace('\\', '/').ToLowerInvariant();
        // A SKILL.md is a skill wherever it is, also in a skill about commands (skills/commands/SKILL.md).
        if (normalized.EndsWith("/skill.md", StringComparison.Ordinal) || normalized == "skill.md")
        {
            return false;
        }

        return normalized.EndsWith(".prompt.md", StringComparison.Ordinal) || normalized.Contains("/commands/") || normalized.Contains("/prompts/");
    }

    private static IReadOnlyList<PromptSegment> Split(string content, SourceLocation? origin, bool userPrompt)
    {
        var segments = new List<PromptSegment>();
        var position = 0;
        List<(int Start, int End)>? code = null;
        foreach (Match match in Hole.Matches(content))
        {
            // A GitHub expression in a code sample (a workflow's `${{ secrets.TOKEN }}` shown in a ```yaml fence) is the
            // sample's own syntax, not something a tool fills in. $ARGUMENTS and ${input:…} are replaced wherever they are,
            // fences included (spec-kit puts $ARGUMENTS in a ```text block).
            if (match.Value.StartsWith("${{", StringComparison.Ordinal) && TemplateSyntax.InCode(code ??= TemplateSyntax.CodeSpans(content), match.Index))
            {
                continue;
            }

            // VS Code's file and workspace variables are also the syntax of launch.json and tasks.json: a
            // "${workspaceFolder}/src/index.ts" in a code sample is that sample's text. And a skill, an agent or an
            // instructions file that shows `$ARGUMENTS` in a code sample or names it in a heading ("### Using $ARGUMENTS")
            // documents how commands take input: the tools fill $ARGUMENTS in the command or prompt the user runs.
            if (IsSampleSyntax(match.Value, userPrompt) && (TemplateSyntax.InCode(code ??= TemplateSyntax.CodeSpans(content), match.Index) || !userPrompt && OnHeadingLine(content, match.Index)))
            {
                continue;
            }

            PromptSegment.AppendStatic(segments, content.Substring(position, match.Index - position), TemplateSyntax.Advance(origin, 1, content, position), 1);
            segments.Add(PromptSegment.Hole(HoleName(match.Value)));
            position = match.Index + match.Length;
        }

        PromptSegment.AppendStatic(segments, content.Substring(position), TemplateSyntax.Advance(origin, 1, content, position), 1);
        return segments;
    }

    private static bool IsSampleSyntax(string hole, bool userPrompt)
        => hole.StartsWith("${", StringComparison.Ordinal) && !hole.StartsWith("${input:", StringComparison.Ordinal) && !hole.StartsWith("${{", StringComparison.Ordinal)
            || !userPrompt && hole.StartsWith("$ARGUMENTS", StringComparison.Ordinal);

    private static bool OnHeadingLine(string content, int index)
    {
        var start = index == 0 ? 0 : content.LastIndexOf('\n', index - 1) + 1;
        var i = start;
        while (i < content.Length && i - start < 3 && content[i] == ' ')
        {
            i++;
        }

        var hashes = 0;
        while (i + hashes < content.Length && content[i + hashes] == '#')
        {
            hashes++;
        }

        return hashes is >= 1 and <= 6 && i + hashes < content.Length && content[i + hashes] is ' ' or '\t';
    }

    private static string HoleName(string raw)
    {
        if (raw.StartsWith("${{", StringComparison.Ordinal))
        {
            return raw.Substring(3, raw.Length - 5).Trim();
        }

        if (raw.StartsWith("${input:", StringComparison.Ordinal))
        {
            var name = raw.Substring(8, raw.Length - 9);
            var colon = name.IndexOf(':');
            return colon > 0 ? name.Substring(0, colon) : name;
        }

        return raw.TrimStart('$').Trim('{', '}');
    }
}

/// <summary>YAML front matter between <c>---</c> lines at the top of a Markdown or template file: configuration, never sent.</summary>
internal static class FrontMatter
{
    /// <summary>
    /// Where the body starts (offset in <paramref name="text"/>, 1-based line): after the closing <c>---</c> of front matter
    /// that opens on the first non-blank line, or at the start when there is none (or it is never closed).
    /// </summary>
    public static (int Offset, int Line) BodyStart(string text)
    {
        var offset = 0;
        var line = 1;
        while (offset < text.Length)
        {
            var end = text.IndexOf('\n', offset);
            end = end < 0 ? text.Length : end;
            if (text.Substring(offset, end - offset).Trim().Length != 0)
            {
                break;
            }

            offset = end + 1;
            line++;
        }

        if (offset >= text.Length || !IsFence(text, offset))
        {
            return (0, 1);
        }

        var position = text.IndexOf('\n', offset);
        var current = line + 1;
        while (position >= 0 && position < text.Length)
        {
            var start = position + 1;
            if (start < text.Length && IsFence(text, start))
            {
                var close = text.IndexOf('\n', start);
                return close < 0 ? (text.Length, current) : (close + 1, current + 1);
            }

            position = text.IndexOf('\n', start);
            current++;
        }

        return (0, 1);
    }

    private static bool IsFence(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        end = end < 0 ? text.Length : end;
        return text.Substring(start, end - start).TrimEnd() == "---";
    }
}
