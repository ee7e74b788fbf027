namespace PromptLint.Counting.Text;

/// <summary>The one normalization applied before counting or hashing: line endings to LF.</summary>
public static class TextNormalizer
{
    /// <summary>Turns CRLF and lone CR into LF; nothing else is altered.</summary>
    public static string NormalizeLineEndings(string text)
    {
        if (text.IndexOf('\r') < 0)
        {
            return text;
        }

        return text.Replace("\r\n", "\n").Replace('\r', '\n');
    }
}
