using System;
using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// What other files of a project say about a file whose own name and text leave it open, gathered once per project by
/// the host (the analyzer from its additional files, <c>promptlint check</c> from the files it found) and used by both
/// alike: the templates a Promptflow flow names (<see cref="FlowTemplateReferences"/>), and folders where a Cursor rule
/// outside <c>.cursor/rules/</c> shows by its front matter that the folder's <c>.mdc</c> files are Cursor rules, so a
/// sibling without front matter (Cursor's "apply manually" rule) is one too. No I/O here.
/// </summary>
public sealed class PromptFileEvidence
{
    private readonly FlowTemplateReferences _flows = new();
    private readonly HashSet<string> _cursorRuleFolders = new(StringComparer.Ordinal);
    private readonly ClaudePluginRoots _plugins = new();

    /// <summary>True when nothing was learned (hosts drop the evidence then).</summary>
    public bool IsEmpty => _flows.IsEmpty && _cursorRuleFolders.Count == 0 && _plugins.IsEmpty;

    /// <summary>
    /// The files Promptflow flows name as templates (full paths when the flows were added with full paths; '/'
    /// separators, ordinal order): <c>promptlint check</c> reads those its globs did not find, as the build hands the
    /// files of a flow's folder to the analyzer with <see cref="PromptFileKinds.FlowTemplateKindName"/>.
    /// </summary>
    public IReadOnlyList<string> FlowTemplates => _flows.Templates;

    /// <summary>True when a flow names the file at <paramref name="path"/> as a template (nothing is read).</summary>
    public bool NamesFlowTemplate(string path) => _flows.Names(path);

    /// <summary>True for a file whose text the evidence reads: a flow definition, or a <c>.mdc</c> outside <c>.cursor/rules/</c>.</summary>
    public static bool Reads(string path) => FlowTemplateReferences.IsFlowDefinition(path) || PromptFileSniffer.IsCursorRuleOutsideItsFolder(path) || ClaudePluginRoots.IsManifest(path);

    /// <summary>Learns from one file <see cref="Reads"/> names (others are ignored); only a flow is read past its first kilobytes.</summary>
    public void Add(string path, string text)
    {
        if (FlowTemplateReferences.IsFlowDefinition(path))
        {
            _flows.Add(path, text);
        }
        else if (ClaudePluginRoots.IsManifest(path))
        {
            _plugins.Add(path);
        }
        else if (PromptFileSniffer.IsCursorRuleOutsideItsFolder(path))
        {
            var head = text.Length > PromptFileSniffer.HeadCharacters ? text.Substring(0, PromptFileSniffer.HeadCharacters) : text;
            if (PromptFileSniffer.LooksLikeCursorRule(head))
            {
                _cursorRuleFolders.Add(Folder(path));
            }
        }
    }

    /// <summary>
    /// The kind a file is read as, given the evidence: a template a flow names is Jinja (see
    /// <see cref="FlowTemplateReferences.Refine"/>); a <c>.mdc</c> its text left unknown, in a folder holding a Cursor
    /// rule, is a Cursor rule (read as an agent file) when it has no front matter of another tool. A kind a user named stays.
    /// </summary>
    public PromptFileKind Refine(PromptFileKind resolved, string? kindName, string path, Func<string> head)
    {
        var kind = _flows.Refine(resolved, kindName, path);
        if (kind == PromptFileKind.Unknown && PromptFileKinds.Parse(kindName) is null && _cursorRuleFolders.Count > 0
            && PromptFileSniffer.IsCursorRuleOutsideItsFolder(path) && _cursorRuleFolders.Contains(Folder(path))
            && PromptFileSniffer.FrontMatterKeys(head()) is null)
        {
            return PromptFileKind.Agent;
        }

        // A command or subagent of a Claude Code plugin (a .claude-plugin/plugin.json beside commands/ and agents/).
        if (kind == PromptFileKind.Unknown && PromptFileKinds.Parse(kindName) is null && _plugins.HoldsCommandOrAgent(path))
        {
            return PromptFileKind.Agent;
        }

        return kind;
    }

    private static string Folder(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? string.Empty : normalized.Substring(0, slash);
    }
}
