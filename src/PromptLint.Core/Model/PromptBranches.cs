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
        // A tree of blocks and their alternatives, walked without recursion: a template may nest conditionals as deep
        // as a hostile file likes (the fuzzer found 10^5 levels), and a stack overflow ends the compiler's process.
        var root = new BranchNode();
        var nodes = new List<BranchNode> { root };
        foreach (var (branch, value) in values)
        {
            var node = root;
            if (branch is not null)
            {
                foreach (var pair in branch.Split('/'))
                {
                    var parts = pair.Split('.');
                    var alternative = parts.Length > 1 ? parts[1] : string.Empty;
                    node.Blocks ??= new Dictionary<string, Dictionary<string, BranchNode>>(StringComparer.Ordinal);
                    if (!node.Blocks.TryGetValue(parts[0], out var alternatives))
                    {
                        node.Blocks[parts[0]] = alternatives = new Dictionary<string, BranchNode>(StringComparer.Ordinal);
                    }

                    if (!alternatives.TryGetValue(alternative, out var child))
                    {
                        alternatives[alternative] = child = new BranchNode();
                        nodes.Add(child);
                    }

                    node = child;
                }
            }

            node.Own += value;
        }

        // Children are created after their parents, so the reverse creation order sees every child before its parent.
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            var total = node.Own;
            if (node.Blocks is not null)
            {
                foreach (var alternatives in node.Blocks.Values)
                {
                    long largest = 0;
                    foreach (var child in alternatives.Values)
                    {
                        largest = Math.Max(largest, child.Total);
                    }

                    total += largest;
                }
            }

            node.Total = total;
        }

        return (int)Math.Min(int.MaxValue, Math.Max(int.MinValue, root.Total));
    }

    /// <summary>One alternative of a block (the root: outside every block), what it holds itself and its inner blocks.</summary>
    private sealed class BranchNode
    {
        public long Own;

        public long Total;

        public Dictionary<string, Dictionary<string, BranchNode>>? Blocks;
    }
}
