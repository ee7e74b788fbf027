using System;
using System.Collections.Generic;

namespace PromptLint.Contracts.Text;

/// <summary>Maps byte offsets of UTF-8 text (as <c>Utf8JsonReader</c> reports them) to 1-based lines.</summary>
internal sealed class LineIndex
{
    private readonly int[] _starts;

    public LineIndex(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _starts = starts.ToArray();
    }

    public int LineOf(long offset)
    {
        var index = Array.BinarySearch(_starts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
