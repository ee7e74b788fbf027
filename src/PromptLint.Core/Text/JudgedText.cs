using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using PromptLint.Core.Model;
using PromptLint.Core.Text;

namespace PromptLint.Core.Text;

/// <summary>
/// A prompt as a content rule judges it: the same template (same messages, segments, offsets and locations) with every
/// character in a region the rule does not judge blanked, line breaks kept. A rule that runs on this view
/// needs no exceptions of its own for code, examples, output formats or data, and its findings point at the same
/// places in the file. Blanked characters become U+FFFF, the character a hole stands as: no paragraph, sentence, number
/// or phrase is read across one, so a sentence is never judged by what is left of it.
/// </summary>
internal static class JudgedText
{
    /// <summary>The regions rules that judge instruction prose leave alone (PL0013–PL0016, PL0018, PL0019).</summary>
    public const PromptRegionKind NotProse = PromptRegionKind.Code | PromptRegionKind.Example | PromptRegionKind.OutputFormat | PromptRegionKind.Data | PromptRegionKind.Verbatim | PromptRegionKind.NotSent;

    private static readonly ConditionalWeakTable<PromptTemplate, Dictionary<PromptRegionKind, PromptTemplate>> Cache = new();

    /// <summary><paramref name="template"/> with the regions of <paramref name="skip"/> blanked; the template itself when it has none.</summary>
    public static PromptTemplate Of(PromptTemplate template, PromptRegionKind skip)
    {
        var views = Cache.GetValue(template, _ => new Dictionary<PromptRegionKind, PromptTemplate>());
        lock (views)
        {
            if (!views.TryGetValue(skip, out var view))
            {
                view = Mask(template, skip);
                views[skip] = view;
            }

            return view;
        }
    }

    private static PromptTemplate Mask(PromptTemplate template, PromptRegionKind skip)
    {
        var regions = PromptRegions.Of(template);
        var changed = false;
        var messages = new List<PromptMessage>(template.Messages.Count);
        for (var m = 0; m < template.Messages.Count; m++)
        {
            var message = template.Messages[m];
            var segments = new List<PromptSegment>(message.Segments.Count);
            for (var s = 0; s < message.Segments.Count; s++)
            {
                var segment = message.Segments[s];
                var masked = segment.IsHole ? null : MaskText(segment.Text, regions, m, s, skip);
                if (masked is null)
                {
                    segments.Add(segment);
                    continue;
                }

                changed = true;
                segments.Add(PromptSegment.Static(masked).WithOrigin(segment.Origin, segment.ContinuationColumn).WithBranch(segment.Branch));
            }

            messages.Add(new PromptMessage(message.Role, segments));
        }

        return changed
            ? new PromptTemplate(template.Id, template.Location, template.Role, messages, template.Tools, template.Model, template.ModelLocation, template.OutputCap, template.Approximate, template.OutputCapStatus, template.OutputCapSetting, template.Budget, template.SentModel)
            : template;
    }

    // The segment's own text (line endings as written) with skipped characters as spaces, or null when none is skipped.
    // Offsets in the regions are in the normalized text, where a CR LF is one character.
    private static string? MaskText(string raw, PromptRegions regions, int message, int segment, PromptRegionKind skip)
    {
        StringBuilder? builder = null;
        var normalized = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var crlf = c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n';
            var skipped = c is not ('\n' or '\r') && (regions.KindAt(message, segment, normalized) & skip) != 0;
            if (skipped && builder is null)
            {
                builder = new StringBuilder(raw, 0, i, raw.Length);
            }

            builder?.Append(skipped ? TextRegions.Hole : c);
            if (!crlf)
            {
                normalized++;
            }
        }

        return builder?.ToString();
    }
}
