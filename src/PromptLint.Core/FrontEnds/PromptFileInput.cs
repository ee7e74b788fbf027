using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>A prompt file handed to a front end: its text and how to reach its companions. No I/O happens here.</summary>
public sealed class PromptFileInput
{
    /// <summary>Creates an input.</summary>
    /// <param name="path">Path used in locations (absolute in a build).</param>
    /// <param name="id">Prompt id: the path relative to the project, with <c>/</c> separators.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="companions">Looks up a sibling file's path and text by file name (<c>config.json</c> beside <c>skprompt.txt</c>); null when none.</param>
    /// <param name="limits">Size and nesting accepted (null: <see cref="PromptFileLimits.Default"/>).</param>
    public PromptFileInput(string path, string id, string text, Func<string, (string Path, string Text)?>? companions = null, PromptFileLimits? limits = null)
    {
        Path = path;
        Id = id;
        Text = text;
        Companions = companions;
        Limits = limits ?? PromptFileLimits.Default;
    }

    /// <summary>Path used in locations.</summary>
    public string Path { get; }

    /// <summary>Prompt id.</summary>
    public string Id { get; }

    /// <summary>Text as read.</summary>
    public string Text { get; }

    /// <summary>Sibling lookup by file name.</summary>
    public Func<string, (string Path, string Text)?>? Companions { get; }

    /// <summary>Size and nesting accepted.</summary>
    public PromptFileLimits Limits { get; }

    /// <summary>True when the host decoded the bytes strictly (<see cref="PromptFileDecoding.DecodedStrictly"/>): a U+FFFD in the text is then a character of the file.</summary>
    public bool DecodedStrictly { get; set; }

    /// <summary>
    /// True for a file the default globs found (kind <c>detect</c>): valid JSON that the name proposed as a tool list but
    /// that holds no tool is not a prompt, and is skipped rather than reported (issue 29).
    /// </summary>
    public bool Discovered { get; set; }
}
