using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A catalogue of prompts in one Markdown file: each prompt in a fenced block of its own (<c>```text</c>,
/// <c>```prompt</c>, <c>```md</c>) under a heading that names it, often with metadata in HTML comments between them
/// (<c>&lt;!-- {"id": …} --&gt;</c>). Read as one prompt, its headings, comments and the blank lines between entries
/// would be judged as if they were sent together, which they never are. Where a catalogue ends and one prompt begins is
/// the catalogue's own convention, so default discovery stays silent on the file; list it with a kind to measure it
/// whole. A prompt that shows its few-shot examples or output format in fences under headings that say so (<c>##
/// Example</c>, <c>## Output format</c>) is not a catalogue.
/// </summary>
internal static class PromptCatalogue
{
    /// <summary>True when <paramref name="head"/> (the start of a Markdown file) holds two or more prompts, each fenced under its own heading.</summary>
    public static bool Matches(string head)
    {
        var lines = head.TrimStart('\uFEFF').Replace("\r", string.Empty).Split('\n');
        var entries = 0;
        var fenced = 0;
        var prose = 0;
        string? fence = null;
        string? heading = null;
        var sinceHeading = 0;
        var inComment = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (fence is not null)
            {
                if (line.StartsWith(fence, StringComparison.Ordinal) && line.Trim(fence[0]).Length == 0)
                {
                    fence = null;
                }
                else
                {
                    fenced += line.Length;
                }

                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = line.Substring(0, line.Length - line.TrimStart(line[0]).Length);
                fence = marker;
                var info = line.Substring(marker.Length).Trim().ToLowerInvariant();
                if (heading is not null && sinceHeading <= 3 && IsPromptFence(info) && !NamesAPart(heading))
                {
                    entries++;
                }

                heading = null;
                continue;
            }

            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                heading = line.TrimStart('#').Trim().ToLowerInvariant();
                sinceHeading = 0;
                continue;
            }

            // Metadata in HTML comments (<!-- {"id": "refund", "tags": [...]} -->) is the catalogue's, never a prompt's.
            if (inComment || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                inComment = line.IndexOf("-->", StringComparison.Ordinal) < 0;
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            // A line of description between a heading and its prompt ("Use when the ticket is a refund.").
            sinceHeading++;
            prose += line.Length;
        }

        return entries >= 2 && fenced >= prose;
    }

    // The labels a catalogue gives the block that holds a prompt's text.
    private static bool IsPromptFence(string info)
    {
        var word = info.Split(' ', '{')[0];
        return word is "text" or "txt" or "prompt" or "md" or "markdown" or "plaintext" or "plain" or "system" or "user";
    }

    // A heading that names a part of one prompt rather than a prompt: its examples, input, output or format.
    private static bool NamesAPart(string heading)
    {
        foreach (var word in new[] { "example", "sample", "input", "output", "format", "response", "template", "schema", "shot", "context", "expected" })
        {
            if (heading.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
