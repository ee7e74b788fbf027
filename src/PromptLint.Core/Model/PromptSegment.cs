namespace PromptLint.Core.Model;

/// <summary>What unit a hole's declared cap is in.</summary>
public enum CapUnit
{
    /// <summary>Tokens of the prompt's tokenizer.</summary>
    Tokens,
    /// <summary>UTF-16 characters.</summary>
    Characters,
}

/// <summary>
/// One piece of a prompt message: either static text, sent as written on every call,
/// or a dynamic hole filled at run time.
/// </summary>
public sealed class PromptSegment
{
    private PromptSegment(string text, bool isHole, bool isVolatile, int? cap, CapUnit capUnit, SourceLocation? origin = null, int continuationColumn = 1, string? branch = null)
    {
        Branch = branch;
        Text = text;
        IsHole = isHole;
        IsVolatile = isVolatile;
        Cap = cap;
        CapUnit = capUnit;
        Origin = origin;
        ContinuationColumn = continuationColumn < 1 ? 1 : continuationColumn;
    }

    /// <summary>
    /// Where the segment's first character is in its file, when the front end knows: findings about the text are
    /// reported there. Null for text whose characters do not map one to one onto the file (C# literals, folded YAML).
    /// </summary>
    public SourceLocation? Origin { get; }

    /// <summary>The 1-based column where each line after the segment's first starts in the file (a YAML block's indentation + 1).</summary>
    public int ContinuationColumn { get; }

    /// <summary>This segment with where its first character is in its file.</summary>
    public PromptSegment WithOrigin(SourceLocation? origin, int continuationColumn = 1)
        => new(Text, IsHole, IsVolatile, Cap, CapUnit, origin, continuationColumn, Branch);

    /// <summary>
    /// Which alternatives of the template's conditional blocks the segment is in, outermost first: <c>"3.1"</c> is the
    /// second alternative (the <c>else</c>) of block 3, <c>"3.0/5.2"</c> the third alternative of block 5 inside the
    /// first of block 3. Null outside every conditional. Only one alternative of a block is sent per call, so two
    /// segments of one message in different alternatives of the same block are never sent together
    /// (<see cref="PromptBranches.Exclusive"/>). Block numbers are per message.
    /// </summary>
    public string? Branch { get; }

    /// <summary>This segment in the conditional alternatives <paramref name="branch"/>.</summary>
    public PromptSegment WithBranch(string? branch) => new(Text, IsHole, IsVolatile, Cap, CapUnit, Origin, ContinuationColumn, branch);

    /// <summary>
    /// Where the character at <paramref name="offset"/> of <see cref="Text"/> (line endings normalized to LF) is in the
    /// file, or null when <see cref="Origin"/> is unknown.
    /// </summary>
    public SourceLocation? LocationOf(int offset)
    {
        if (Origin is not { } origin)
        {
            return null;
        }

        var text = Text;
        var line = origin.Line;
        var lineStart = 0;
        var end = offset < text.Length ? offset : text.Length;
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = line == origin.Line ? origin.Column + (end - lineStart) : ContinuationColumn + (end - lineStart);
        return new SourceLocation(origin.Path, line, column);
    }

    /// <summary>Static text, or the hole's name.</summary>
    public string Text { get; }

    /// <summary>True for a dynamic hole.</summary>
    public bool IsHole { get; }

    /// <summary>True when the hole changes on every call (timestamps, GUIDs, request ids).</summary>
    public bool IsVolatile { get; }

    /// <summary>Declared size cap of a hole, in <see cref="CapUnit"/>; null when unbounded.</summary>
    public int? Cap { get; }

    /// <summary>Unit of <see cref="Cap"/>.</summary>
    public CapUnit CapUnit { get; }

    /// <summary>Static text sent as written.</summary>
    public static PromptSegment Static(string text) => new(text, false, false, null, CapUnit.Tokens);

    /// <summary>A dynamic hole named after what fills it.</summary>
    public static PromptSegment Hole(string name, bool isVolatile = false, int? cap = null, CapUnit capUnit = CapUnit.Tokens)
        => new(name, true, isVolatile, cap, capUnit);

    /// <summary>Appends static text, merging it with static text already at the end (empty text adds nothing).</summary>
    public static void AppendStatic(System.Collections.Generic.List<PromptSegment> segments, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        AppendStatic(segments, text, null, 1);
    }

    /// <summary>
    /// Appends static text that starts at <paramref name="origin"/> in its file, merging it with static text already at the
    /// end; the merged segment keeps the first part's origin (the host checks a finding's text against the file).
    /// </summary>
    public static void AppendStatic(System.Collections.Generic.List<PromptSegment> segments, string text, SourceLocation? origin, int continuationColumn)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (segments.Count > 0 && !segments[segments.Count - 1].IsHole)
        {
            var previous = segments[segments.Count - 1];
            segments.RemoveAt(segments.Count - 1);
            segments.Add(new PromptSegment(previous.Text + text, false, false, null, CapUnit.Tokens, previous.Origin, previous.ContinuationColumn, previous.Branch));
            return;
        }

        segments.Add(new PromptSegment(text, false, false, null, CapUnit.Tokens, origin, continuationColumn));
    }

    /// <inheritdoc />
    public override string ToString() => IsHole ? "{{" + Text + "}}" : Text;
}
