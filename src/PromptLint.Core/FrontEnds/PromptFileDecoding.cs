using System;
using System.Globalization;
using System.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// How a prompt file's bytes become text, in one place every reader goes through. UTF-8 with or without a BOM, UTF-16
/// and UTF-32 with a BOM are read as such. Anything else is refused with a problem instead of measured from replacement
/// characters (the counts would not be those of the text the application sends): a file that is not valid UTF-8 is
/// named with its first bad byte ("not UTF-8: save it as UTF-8"), one with NULs or mostly control bytes is "not a text
/// file". <c>promptlint check</c> hands the bytes to <see cref="Decode"/>; the analyzer gets the compiler's decoded
/// <c>SourceText</c>, whose decoding evidence <see cref="FromCompiler"/> reads (the compiler decodes an additional file
/// that is not valid UTF-8 with the system's ANSI code page, Windows-1252 or Latin-1, and says so in its encoding).
/// </summary>
public static class PromptFileDecoding
{
    // A text file has few control bytes; random or binary data has about one in ten.
    private const double MostlyControlBytes = 0.05;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of a file's bytes, or the problem that stops it from being measured.</summary>
    /// <param name="path">The file's path, for the problem.</param>
    /// <param name="bytes">Its bytes as read.</param>
    public static DecodedPromptFile Decode(string path, byte[] bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
        {
            return Unicode(path, bytes, 4, new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32");
        }

        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
        {
            return Unicode(path, bytes, 4, new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Unicode(path, bytes, 2, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Unicode(path, bytes, 2, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16");
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var bad = FirstInvalidUtf8(bytes, start);
        if (bad >= 0)
        {
            return new DecodedPromptFile(null, NotText(path, bytes) ?? NotUtf8(path, bytes, bad));
        }

        var text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        return new DecodedPromptFile(text, TextProblem(path, text, decodedStrictly: true));
    }

    /// <summary>
    /// The problem of a text the compiler decoded, or null: not UTF-8 when it fell back to a code page (the bytes are
    /// rebuilt from that code page to name the first bad one), or when the text holds U+FFFD, the mark a lenient decoder
    /// leaves for a byte it could not read; not a text file when it holds NULs or mostly control characters.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <param name="text">The decoded text.</param>
    /// <param name="encoding">The encoding the compiler decoded it with (<c>SourceText.Encoding</c>), when known.</param>
    public static PromptFileResult? FromCompiler(string path, string text, Encoding? encoding)
    {
        if (encoding is not null && !IsUnicode(encoding))
        {
            byte[] bytes;
            try
            {
                bytes = encoding.GetBytes(text);
            }
            catch (EncoderFallbackException)
            {
                bytes = Array.Empty<byte>();
            }

            var bad = FirstInvalidUtf8(bytes, 0);
            if (bad >= 0)
            {
                return NotText(path, bytes) ?? NotUtf8(path, bytes, bad, encoding.WebName);
            }
        }

        return TextProblem(path, text, DecodedStrictly(encoding));
    }

    /// <summary>
    /// True when <paramref name="encoding"/> refuses bytes it cannot read (the compiler's first, strict UTF-8 attempt):
    /// a U+FFFD in text it decoded was in the file as a character, not left for a bad byte.
    /// </summary>
    public static bool DecodedStrictly(Encoding? encoding) => encoding?.DecoderFallback is DecoderExceptionFallback;

    /// <summary>The problem of a decoded text, or null: NULs or mostly control characters, or U+FFFD replacement characters.</summary>
    public static PromptFileResult? TextProblem(string path, string text) => TextProblem(path, text, decodedStrictly: false);

    /// <summary>
    /// The problem of a decoded text, or null. With <paramref name="decodedStrictly"/> (the bytes were checked as valid
    /// UTF-8 or UTF-16/32), a U+FFFD is a character the file holds (a lossy copy's mark, sent as it is), not a sign of
    /// bad bytes: only NULs and control characters are problems then.
    /// </summary>
    public static PromptFileResult? TextProblem(string path, string text, bool decodedStrictly)
    {
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var (line, column) = Position(text, nul);
            return PromptFileResult.Problem(path, line, column, string.Format(CultureInfo.InvariantCulture, "it is not a text file (a NUL character at line {0:N0}); PromptLint does not measure binary files", line));
        }

        var controls = 0;
        var sample = Math.Min(text.Length, 1 << 16);
        for (var i = 0; i < sample; i++)
        {
            controls += IsControl(text[i]) ? 1 : 0;
        }

        if (sample > 0 && controls > sample * MostlyControlBytes)
        {
            return PromptFileResult.Problem(path, 1, 1, string.Format(CultureInfo.InvariantCulture, "it is not a text file ({0:N0} of its first {1:N0} characters are control characters); PromptLint does not measure binary files", controls, sample));
        }

        var replacement = decodedStrictly ? -1 : text.IndexOf('\uFFFD');
        if (replacement >= 0)
        {
            var (line, column) = Position(text, replacement);
            return PromptFileResult.Problem(path, line, column, string.Format(CultureInfo.InvariantCulture, "it is not UTF-8: it was decoded with replacement characters (U+FFFD at line {0:N0}, column {1:N0}); save it as UTF-8. PromptLint does not measure it: the counts would not be those of the text your application sends", line, column));
        }

        return null;
    }

    /// <summary>The offset of the first byte from <paramref name="start"/> that is not part of valid UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(byte[] bytes, int start)
    {
        var i = start;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF)
            {
                length = 2;
                min = 0x80;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                min = 0x800;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                min = 0x10000;
            }
            else
            {
                return i;
            }

            if (i + length > bytes.Length)
            {
                return i;
            }

            var value = b & (0xFF >> (length + 1));
            for (var k = 1; k < length; k++)
            {
                var next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return i;
                }

                value = (value << 6) | (next & 0x3F);
            }

            // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
            if (value < min || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    private static DecodedPromptFile Unicode(string path, byte[] bytes, int bom, Encoding encoding, string name)
    {
        try
        {
            var text = encoding.GetString(bytes, bom, bytes.Length - bom);
            return new DecodedPromptFile(text, TextProblem(path, text, decodedStrictly: true));
        }
        catch (DecoderFallbackException ex)
        {
            var offset = bom + Math.Max(0, ex.Index);
            return new DecodedPromptFile(null, PromptFileResult.Problem(path, 1, 1, string.Format(CultureInfo.InvariantCulture, "it starts with a {0} byte order mark but is not valid {0} (at byte offset {1:N0}); save it as UTF-8", name, offset)));
        }
    }

    private static PromptFileResult? NotText(string path, byte[] bytes)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            return PromptFileResult.Problem(path, LineOf(bytes, nul), 1, string.Format(CultureInfo.InvariantCulture, "it is not a text file (a NUL byte at offset {0:N0}); PromptLint does not measure binary files", nul));
        }

        var sample = Math.Min(bytes.Length, 1 << 16);
        var controls = 0;
        for (var i = 0; i < sample; i++)
        {
            controls += IsControl((char)bytes[i]) ? 1 : 0;
        }

        return sample > 0 && controls > sample * MostlyControlBytes
            ? PromptFileResult.Problem(path, 1, 1, string.Format(CultureInfo.InvariantCulture, "it is not a text file ({0:N0} of its first {1:N0} bytes are control bytes, and it is not valid UTF-8); PromptLint does not measure binary files", controls, sample))
            : null;
    }

    private static PromptFileResult NotUtf8(string path, byte[] bytes, int offset, string? decodedAs = null)
    {
        var line = LineOf(bytes, offset);
        var lineStart = offset;
        while (lineStart > 0 && bytes[lineStart - 1] != (byte)'\n')
        {
            lineStart--;
        }

        // The bytes before the bad one on its line are valid UTF-8: the column counts their characters.
        var column = StrictUtf8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
        var how = decodedAs is null ? string.Empty : $" (the compiler read it as {decodedAs})";
        return PromptFileResult.Problem(path, line, column, string.Format(
            CultureInfo.InvariantCulture,
            "it is not UTF-8: the byte 0x{0:X2} at offset {1:N0} (line {2:N0}) is not valid UTF-8{3}; save it as UTF-8. PromptLint does not measure it: the counts would not be those of the text your application sends",
            bytes[offset],
            offset,
            line,
            how));
    }

    private static bool IsUnicode(Encoding encoding) => encoding.CodePage is 65001 or 1200 or 1201 or 12000 or 12001;

    // C0 controls other than tab, line feed, form feed, carriage return and escape, and DEL.
    private static bool IsControl(char c) => (c < 0x20 && c is not '\t' and not '\n' and not '\r' and not '\f' and not '\u001B') || c == '\u007F';

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
        {
            line += bytes[i] == (byte)'\n' ? 1 : 0;
        }

        return line;
    }

    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}

/// <summary>A prompt file's text, or the problem that keeps it from being measured.</summary>
public sealed class DecodedPromptFile
{
    /// <summary>Creates a result.</summary>
    public DecodedPromptFile(string? text, PromptFileResult? problem)
    {
        Text = text;
        Problem = problem;
    }

    /// <summary>The text, or null when the bytes are not text PromptLint reads.</summary>
    public string? Text { get; }

    /// <summary>Why the file is not measured, or null.</summary>
    public PromptFileResult? Problem { get; }
}
