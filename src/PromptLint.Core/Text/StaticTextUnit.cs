using System;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>How large a piece of static text a <see cref="StaticTextUnit"/> is.</summary>
internal enum UnitLevel
{
    /// <summary>Lines between blank lines.</summary>
    Paragraph,

    /// <summary>The text of one bullet or numbered list item (its marker left out).</summary>
    ListItem,

    /// <summary>A sentence ending in . ! or ?, or the unpunctuated rest of a line run or list item.</summary>
    Sentence,
}

/// <summary>One paragraph, list item or sentence of a prompt's static text, and where it stands.</summary>
internal sealed class StaticTextUnit
{
    public StaticTextUnit(int message, int start, int end, string text, UnitLevel level, bool isListItem, string? lead)
    {
        Message = message;
        Start = start;
        End = end;
        Text = text;
        Level = level;
        IsListItem = isListItem;
        Lead = lead;
    }

    /// <summary>Index of the message in <see cref="PromptTemplate.Messages"/>.</summary>
    public int Message { get; }

    /// <summary>Start offset in the message's static text (holes count one character).</summary>
    public int Start { get; }

    /// <summary>End offset (exclusive).</summary>
    public int End { get; }

    /// <summary>The text as written, trimmed, line endings normalized.</summary>
    public string Text { get; }

    public UnitLevel Level { get; }

    /// <summary>True when the unit is (part of) a bullet or numbered list item.</summary>
    public bool IsListItem { get; }

    /// <summary>For a list item: the last line before the list (its heading or lead-in), if any.</summary>
    public string? Lead { get; }

    public bool Contains(StaticTextUnit other) => Message == other.Message && Start <= other.Start && other.End <= End;
}
