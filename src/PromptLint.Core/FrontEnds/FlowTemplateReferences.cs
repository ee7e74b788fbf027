using System;
using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// The prompt templates a Promptflow flow definition (<c>flow.dag.yaml</c>) names: the <c>source.path</c> of its
/// <c>llm</c>, <c>prompt</c> and <c>custom_llm</c> nodes (and of their variants). Promptflow renders those files with
/// Jinja whatever their extension, so a <c>.md</c> or <c>.txt</c> that a flow names is a Jinja prompt even where its name
/// and text alone would not say so; a Markdown file no flow names is judged as before. No I/O here: hosts hand in the
/// flow files' text and ask about the files they found.
/// </summary>
internal sealed class FlowTemplateReferences
{
    private static readonly string[] TemplateNodeTypes = { "llm", "prompt", "custom_llm" };
    private static readonly string[] TemplateSourceTypes = { "code", "package_with_prompt" };

    private readonly HashSet<string> _templates = new(StringComparer.Ordinal);

    /// <summary>True when no flow named a template (hosts skip the look-up).</summary>
    public bool IsEmpty => _templates.Count == 0;

    /// <summary>True for a Promptflow flow definition (<c>flow.dag.yaml</c> or <c>flow.dag.yml</c>), whose text <see cref="Add"/> reads.</summary>
    public static bool IsFlowDefinition(string path)
    {
        var normalized = path.Replace('\\', '/');
        var name = normalized.Substring(normalized.LastIndexOf('/') + 1);
        return string.Equals(name, "flow.dag.yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "flow.dag.yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Takes the templates <paramref name="text"/>, the flow definition at <paramref name="flowPath"/>, names (paths
    /// relative to the flow's folder). A flow that is not valid YAML, too large or too deep names nothing: it is not a
    /// prompt, so it is not reported either.
    /// </summary>
    public void Add(string flowPath, string text)
    {
        if (text.Length > PromptFileLimits.DefaultMaxCharacters)
        {
            return;
        }

        var root = YamlHelpers.LoadMapping(text, flowPath, 0, PromptFileLimits.DefaultMaxNestingDepth, new List<PromptFileProblem>(), "flow");
        if (root is null)
        {
            return;
        }

        var folder = Folder(flowPath);
        if (YamlHelpers.Get(root, "nodes") is YamlSequenceNode nodes)
        {
            foreach (var node in nodes.Children)
            {
                AddNode(folder, node as YamlMappingNode);
            }
        }

        // node_variants: { <node>: { variants: { <variant>: { node: { type: llm, source: { path: … } } } } } }
        if (YamlHelpers.Get(root, "node_variants") is YamlMappingNode variantsByNode)
        {
            foreach (var byNode in variantsByNode.Children)
            {
                if (YamlHelpers.GetMapping(byNode.Value as YamlMappingNode, "variants") is { } variants)
                {
                    foreach (var variant in variants.Children)
                    {
                        AddNode(folder, YamlHelpers.GetMapping(variant.Value as YamlMappingNode, "node"));
                    }
                }
            }
        }
    }

    /// <summary>The templates the flows name ('/' separators, ordinal order), for a host that finds files by itself.</summary>
    public IReadOnlyList<string> Templates
    {
        get
        {
            var list = new List<string>(_templates);
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>True when a flow names the file at <paramref name="path"/> as a prompt template.</summary>
    public bool Names(string path) => _templates.Count > 0 && _templates.Contains(Normalize(path));

    /// <summary>
    /// The kind a file found by the default globs is read as, given what the flows name: a file a flow names that its
    /// name and text left unknown or plain text is Jinja (Promptflow's role lines and <c>{{ }}</c> holes); any other
    /// kind, and a kind a user named, stays.
    /// </summary>
    public PromptFileKind Refine(PromptFileKind resolved, string? kindName, string path)
        => resolved is PromptFileKind.Unknown or PromptFileKind.Text && PromptFileKinds.Parse(kindName) is null && Names(path)
            ? PromptFileKind.Jinja
            : resolved;

    private void AddNode(string folder, YamlMappingNode? node)
    {
        if (node is null || !IsOneOf(YamlHelpers.Get(node, "type"), TemplateNodeTypes))
        {
            return;
        }

        var source = YamlHelpers.GetMapping(node, "source");
        if (!IsOneOf(YamlHelpers.Get(source, "type"), TemplateSourceTypes) || YamlHelpers.Get(source, "path") is not YamlScalarNode { Value: { Length: > 0 } relative })
        {
            return;
        }

        // A template path is relative to the flow's folder; an absolute or remote one is not in the project.
        if (relative.IndexOf(':') >= 0 || relative.StartsWith("/", StringComparison.Ordinal) || relative.StartsWith("\\", StringComparison.Ordinal))
        {
            return;
        }

        _templates.Add(Normalize(folder + "/" + relative));
    }

    private static bool IsOneOf(YamlNode? node, string[] values)
        => node is YamlScalarNode { Value: { } value } && Array.IndexOf(values, value.Trim().ToLowerInvariant()) >= 0;

    private static string Folder(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalized.Substring(0, slash);
    }

    // '/' separators, "." and ".." resolved, so "flow/./a.md", "flow/sub/../a.md" and "flow\a.md" are one file.
    private static string Normalize(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        var kept = new List<string>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "." || (part.Length == 0 && i > 0))
            {
                continue;
            }

            if (part == ".." && kept.Count > 0 && kept[kept.Count - 1] is not ".." and not "")
            {
                kept.RemoveAt(kept.Count - 1);
                continue;
            }

            kept.Add(part);
        }

        return string.Join("/", kept);
    }
}
