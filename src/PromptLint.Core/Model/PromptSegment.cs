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
    private PromptSegment(string text, bool isHole, bool isVolatile, int? cap, CapUnit capUnit)
    {
        Text = text;
        IsHole = isHole;
        IsVolatile = isVolatile;
        Cap = cap;
        CapUnit = capUnit;
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

        if (segments.Count > 0 && !segments[segments.Count - 1].IsHole)
        {
            text = segments[segments.Count - 1].Text + text;
            segments.RemoveAt(segments.Count - 1);
        }

        segments.Add(Static(text));
    }

    /// <inheritdoc />
    public override string ToString() => IsHole ? "{{" + Text + "}}" : Text;
}
