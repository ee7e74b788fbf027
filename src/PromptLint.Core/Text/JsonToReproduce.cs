using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// JSON the model has to reproduce as it stands, so that minifying it would change what the model writes: a record the
/// prompt tells it to put into a document or file it produces ("Update the approval record in section 9:"), a block
/// between the start and end markers of a document template (<c>&lt;!-- TICKETS_START --&gt;</c>), a block the lead-in
/// or heading offers for copying ("Error response (copy-paste)", "Use this template:"), or entries of a JSON file the
/// prompt names, under a heading about those entries ("### Command hooks" where the prompt names <c>hooks.json</c>).
/// PL0012 does not ask to minify it. Illustrations (an API's response, a script's output, a request body shown for
/// understanding) are none of these and stay judged.
/// </summary>
internal static class JsonToReproduce
{
    /// <summary>True when the JSON block starting at <paramref name="blockStart"/> of <paramref name="text"/> is one the model writes out as it stands.</summary>
    public static bool IsToReproduce(string text, int blockStart)
    {
        var paragraph = BlockContext.LeadParagraph(text, blockStart);
        if (paragraph.Count > 0 && (WriteIntoDocument.IsMatch(paragraph[0]) || CopyLeadIn.IsMatch(paragraph[0])))
        {
            return true;
        }

        if (paragraph.Exists(line => TemplateStartMarker.IsMatch(line)))
        {
            return true;
        }

        var headings = BlockContext.Headings(text, blockStart);
        return headings.Exists(h => CopyHeading.IsMatch(h)) || (headings.Count > 0 && NamesEntriesOfNamedFile(text, headings[0]));
    }

    // The nearest heading holds the base name of a JSON file the prompt names in its prose ("### Command Hooks" in a
    // prompt that says "Plugin hooks use `hooks/hooks.json` format"): the section shows entries of that file.
    private static bool NamesEntriesOfNamedFile(string text, string heading)
    {
        var names = NamedFiles.GetValue(text, NamedJsonFiles);
        if (names.Count == 0)
        {
            return false;
        }

        foreach (Match word in Word.Matches(heading))
        {
            var w = word.Value.ToLowerInvariant();
            if (names.Contains(w) || names.Contains(w + "s") || (w.EndsWith("s", StringComparison.Ordinal) && names.Contains(w.Substring(0, w.Length - 1))))
            {
                return true;
            }
        }

        return false;
    }

    // Once per text, not once per block: a prompt with many JSON blocks stays linear.
    private static readonly ConditionalWeakTable<string, HashSet<string>> NamedFiles = new();

    private static HashSet<string> NamedJsonFiles(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var regions = TextRegions.Of(text);
        foreach (Match m in JsonFileBaseName.Matches(text))
        {
            // Named in prose (inline code included), not inside a fenced block.
            if ((regions.KindAt(m.Index) & PromptRegionKind.Code) == 0 && !GenericBaseNames.Contains(m.Groups[1].Value.ToLowerInvariant()))
            {
                names.Add(m.Groups[1].Value.ToLowerInvariant());
            }
        }

        return names;
    }

    // Base names too common to say what a section is about ("Data", "Output", "Example").
    private static readonly HashSet<string> GenericBaseNames = new(StringComparer.Ordinal) { "data", "output", "input", "example", "sample", "test", "file", "result", "results", "response", "request", "schema" };

    private static readonly Regex Word = new(@"[A-Za-z]{3,}", RegexOptions.CultureInvariant);

    private static readonly Regex JsonFileBaseName = new(@"(?<![\w.-])(?:[\w.-]*/)?([A-Za-z][A-Za-z-]{2,})\.json[c5]?\b", RegexOptions.CultureInvariant);

    // "Update JSON approval status in Section 9:", "Append this record to the ledger:", "Write the entry into the report":
    // an instruction to put the block into a document or file the model produces.
    private static readonly Regex WriteIntoDocument = new(@"\b(?:update|write|put|record|add|append|insert)\b.{0,80}?\b(?:in|into|to)\b.{0,40}?\b(?:section|document|doc|file|report|log|ledger|changelog|record|front[ -]matter)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "Copy this:", "Use this template:", "Template:", "(copy-paste)" on the lead-in line.
    private static readonly Regex CopyLeadIn = new(@"\bcopy[ -]?(?:and[ -])?paste\b|\bcopy (?:this|the following)\b|\buse (?:this|the following) template\b|^[*_]{0,2}[\w ]{0,30}\btemplate[*_]{0,2}:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A heading that says its block is a template to copy: "### Error response (copy-paste)", "## Ticket template".
    private static readonly Regex CopyHeading = new(@"\bcopy[ -]?(?:and[ -])?paste\b|\btemplates?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "<!-- PROPOSED_TICKETS_START -->": the start marker of a region of a document template the model fills in.
    private static readonly Regex TemplateStartMarker = new(@"^<!--\s*[\w.-]*(?:START|BEGIN)[\w.-]*\s*-->$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}
