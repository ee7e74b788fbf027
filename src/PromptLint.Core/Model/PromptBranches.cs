using System;
using System.Collections.Generic;

namespace PromptLint.Core.Model;

/// <summary>
/// The conditional alternatives of a template (<c>{{#if}}…{{else}}…{{/if}}</c>, <c>{% if %}…{% elif %}…{% endif %}</c>):
/// which segments can be sent together, and a total that counts the largest alternative of each block.
/// </summary>
public static class PromptBranches
{
    /// <summary>
    /// True when two segments' <see cref="PromptSegment.Branch"/> paths (of one message) are different alternatives of the
    /// same block, so no call sends both.
    /// </summary>
    public static bool Exclusive(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        var left = a.Split('/');
        var right = b.Split('/');
        for (var i = 0; i < left.Length && i < right.Length; i++)
        {
            var l = left[i].Split('.');
            var r = right[i].Split('.');
            if (l[0] != r[0])
            {
                return false;
            }

            if (l[1] != r[1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a message of the template has a conditional block with static text in two of its alternatives.</summary>
    public static bool HasAlternatives(PromptTemplate template)
    {
        foreach (var message in template.Messages)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var segment in message.Segments)
            {
                if (segment.IsHole || segment.Branch is not { } branch)
                {
                    continue;
                }

                var prefix = string.Empty;
                foreach (var pair in branch.Split('/'))
                {
                    var parts = pair.Split('.');
                    var block = prefix + parts[0];
                    if (seen.TryGetValue(block, out var alternative) && alternative != parts[1])
                    {
                        return true;
                    }

                    seen[block] = parts[1];
                    prefix += pair + "/";
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The sum of <paramref name="values"/> (one per item, each in a branch path of one message), counting of each block
    /// only its largest alternative: the most one call can send.
    /// </summary>
    public static int Largest(IEnumerable<(string? Branch, int Value)> values)
    {
        var items = new List<(string[] Path, int Value)>();
        foreach (var (branch, value) in values)
        {
            items.Add((branch is null ? Array.Empty<string>() : branch.Split('/'), value));
        }

        return Total(items, 0);
    }

    private static int Total(List<(string[] Path, int Value)> items, int depth)
    {
        var total = 0;
        var blocks = new Dictionary<string, Dictionary<string, List<(string[] Path, int Value)>>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Path.Length <= depth)
            {
                total += item.Value;
                continue;
            }

            var pair = item.Path[depth].Split('.');
            if (!blocks.TryGetValue(pair[0], out var alternatives))
            {
                blocks[pair[0]] = alternatives = new Dictionary<string, List<(string[] Path, int Value)>>(StringComparer.Ordinal);
            }

            if (!alternatives.TryGetValue(pair[1], out var inAlternative))
            {
                alternatives[pair[1]] = inAlternative = new List<(string[] Path, int Value)>();
            }

            inAlternative.Add(item);
        }

        foreach (var alternatives in blocks.Values)
        {
            var largest = 0;
            foreach (var inAlternative in alternatives.Values)
            {
                largest = Math.Max(largest, Total(inAlternative, depth + 1));
            }

            total += largest;
        }

        return total;
    }
}
