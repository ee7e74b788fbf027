using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads Jinja templates (<c>.jinja2</c>, <c>.j2</c>, <c>.jinja</c>). <c>{{ … }}</c> and <c>{% … %}</c> are holes and
/// control flow, <c>{# … #}</c> comments; single braces are text (a Python f-string's <c>{i}</c> in a code sample means
/// nothing to Jinja). Promptflow's role lines (<c># system:</c>, <c># user:</c>, <c># assistant:</c>) split the file
/// into messages, each trimmed as Promptflow trims it; without them the file is one system message, without the one
/// trailing newline Jinja drops when it renders. <c>{% include "x.j2" %}</c> of a file beside it is that file's text
/// (static where it is static); an include PromptLint cannot read adds nothing rather than a hole it cannot size.
/// </summary>
public static class JinjaFrontEnd
{
    private static readonly Regex RoleLine = new(@"^#\s*(system|developer|user|assistant|function|tool)\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex BareRoleLine = new(@"^(system|developer|user|assistant)\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Include = new(@"\{%-?\s*include\s+[""']([^""'\r\n]{1,260})[""'][^%]{0,200}-?%\}", RegexOptions.CultureInvariant);

    // How deep includes are followed: deeper is a cycle or a template PromptLint does not need to see whole.
    private const int MaxIncludeDepth = 8;

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var text = TextNormalizer.NormalizeLineEndings(input.Text).TrimStart('\uFEFF');
        if (JinjaMacroLibrary.Matches(text))
        {
            // Rendered by itself, a file of macro definitions sends nothing: its parameters are no prompt's holes.
            return PromptFileResult.Empty;
        }

        var lines = text.Split('\n');
        var roles = RoleLines(lines);
        var messages = new List<PromptMessage>();
        if (roles.Count == 0)
        {
            var body = text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
            var segments = Segments(body, new SourceLocation(input.Path, 1, 1), input, 0);
            if (segments.Count > 0)
            {
                messages.Add(new PromptMessage(PromptRole.System, segments));
            }
        }
        else
        {
            // Text before the first role line is the system message's, as Promptflow reads it.
            var sections = new List<(PromptRole Role, int From, int To)>();
            if (roles[0].Line > 0)
            {
                sections.Add((PromptRole.System, 0, roles[0].Line));
            }

            for (var i = 0; i < roles.Count; i++)
            {
                sections.Add((roles[i].Role, roles[i].Line + 1, i + 1 < roles.Count ? roles[i + 1].Line : lines.Length));
            }

            foreach (var (role, from, to) in sections)
            {
                if (to <= from)
                {
                    continue;
                }

                var joined = string.Join("\n", lines, from, to - from);
                var content = joined.Trim();
                if (content.Length == 0)
                {
                    continue;
                }

                var origin = TemplateSyntax.Advance(new SourceLocation(input.Path, from + 1, 1), 1, joined, joined.Length - joined.TrimStart().Length);
                var segments = Segments(content, origin, input, 0);
                if (segments.Count > 0)
                {
                    messages.Add(new PromptMessage(role, segments));
                }
            }
        }

        if (messages.Count == 0)
        {
            // An empty template (whitespace, comments or tags only) is valid: nothing to measure, nothing wrong.
            return PromptFileResult.Empty;
        }

        var first = FirstOrigin(messages) ?? new SourceLocation(input.Path, 1, 1);
        var template = new PromptTemplate(input.Id, first, messages[0].Role, messages);
        return PromptFileResult.Of(template, Array.Empty<PromptFileProblem>());
    }

    private static SourceLocation? FirstOrigin(List<PromptMessage> messages)
    {
        foreach (var message in messages)
        {
            foreach (var segment in message.Segments)
            {
                if (segment.Origin is { } origin)
                {
                    return origin;
                }
            }
        }

        return null;
    }

    // Role lines: "# system:" anywhere; a bare "system:" only when the file's first text line is one (Promptflow's
    // own chat templates), so a line "User:" inside a transcript example is not taken for one.
    private static List<(int Line, PromptRole Role)> RoleLines(string[] lines)
    {
        var found = new List<(int, PromptRole)>();
        var firstText = Array.FindIndex(lines, l => l.Trim().Length != 0);
        var bare = firstText >= 0 && BareRoleLine.IsMatch(lines[firstText].Trim());
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 40 || line.Length == 0)
            {
                continue;
            }

            var match = RoleLine.Match(line);
            if (!match.Success && bare)
            {
                match = BareRoleLine.Match(line);
            }

            if (match.Success && PromptRoles.Parse(match.Groups[1].Value) is { } role)
            {
                found.Add((i, role));
            }
        }

        return found;
    }

    // The segments of a piece of template: includes replaced by the included file's segments (no origin: their text
    // is in another file), the rest split as Jinja.
    private static List<PromptSegment> Segments(string text, SourceLocation? origin, PromptFileInput input, int depth)
    {
        var segments = new List<PromptSegment>();
        var position = 0;
        foreach (Match match in Include.Matches(text))
        {
            Append(segments, TemplateSyntax.Split(text.Substring(position, match.Index - position), TemplateFlavor.Jinja, TemplateSyntax.Advance(origin, 1, text, position), 1));
            if (depth < MaxIncludeDepth && input.Companions?.Invoke(match.Groups[1].Value) is { } included)
            {
                var body = TextNormalizer.NormalizeLineEndings(included.Text).TrimStart('\uFEFF');
                if (body.EndsWith("\n", StringComparison.Ordinal))
                {
                    body = body.Substring(0, body.Length - 1);
                }

                Append(segments, Segments(body, null, input, depth + 1));
            }

            position = match.Index + match.Length;
        }

        Append(segments, TemplateSyntax.Split(text.Substring(position), TemplateFlavor.Jinja, TemplateSyntax.Advance(origin, 1, text, position), 1));
        return segments;
    }

    private static void Append(List<PromptSegment> segments, IReadOnlyList<PromptSegment> more)
    {
        foreach (var segment in more)
        {
            if (!segment.IsHole && segment.Branch is null)
            {
                PromptSegment.AppendStatic(segments, segment.Text, segment.Origin, segment.ContinuationColumn);
            }
            else
            {
                segments.Add(segment);
            }
        }
    }
}
