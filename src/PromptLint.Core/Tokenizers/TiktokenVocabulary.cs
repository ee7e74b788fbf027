using System;
using System.IO;
using System.IO.Compression;

namespace PromptLint.Core.Tokenizers;

/// <summary>
/// The byte sequences of one tiktoken encoding and their ranks, loaded from the vocabulary embedded in this assembly
/// (taken at build time from the <c>Microsoft.ML.Tokenizers.Data.*</c> packages). Built for a fast cold start: one
/// pass over the file fills a byte blob and an open-addressing table, about a tenth of what a general tokenizer
/// library spends building its dictionaries, which every compiler process without the compiler server pays again.
/// </summary>
internal sealed class TiktokenVocabulary
{
    private readonly byte[] _blob;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly int[] _slots;
    private readonly int _mask;

    private TiktokenVocabulary(byte[] blob, int[] start, int[] length, int[] slots)
    {
        _blob = blob;
        _start = start;
        _length = length;
        _slots = slots;
        _mask = slots.Length - 1;
    }

    /// <summary>Number of ranks.</summary>
    public int Count => _start.Length;

    /// <summary>Loads an embedded vocabulary by resource name.</summary>
    public static TiktokenVocabulary LoadEmbedded(string resourceName)
    {
        using var stream = typeof(TiktokenVocabulary).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The vocabulary '{resourceName}' is not embedded in PromptLint.Core.");
        return Load(stream);
    }

    /// <summary>
    /// Reads a deflated tiktoken vocabulary: an optional <c>Capacity: N</c> header, then one base64 byte sequence per
    /// line, optionally followed by its rank (without one, the rank is the line's index).
    /// </summary>
    public static TiktokenVocabulary Load(Stream deflated)
    {
        byte[] text;
        int length;
        using (var inflate = new DeflateStream(deflated, CompressionMode.Decompress))
        using (var buffer = new MemoryStream(4 * 1024 * 1024))
        {
            inflate.CopyTo(buffer);
            text = buffer.GetBuffer();
            length = (int)buffer.Length;
        }

        var lines = 1;
        for (var i = 0; i < length; i++)
        {
            if (text[i] == (byte)'\n')
            {
                lines++;
            }
        }

        var position = 0;
        if (StartsWith(text, length, "Capacity:"))
        {
            position = Array.IndexOf(text, (byte)'\n', 0, length) + 1;
            if (position == 0)
            {
                position = length;
            }
        }

        // Base64 is 4/3 of its bytes: the blob never outgrows the text.
        var blob = new byte[length];
        var used = 0;
        var ranks = new int[lines];
        var starts = new int[lines];
        var lengths = new int[lines];
        var entries = 0;
        var maxRank = -1;
        var implicitRank = 0;
        while (position < length)
        {
            var end = Array.IndexOf(text, (byte)'\n', position, length - position);
            if (end < 0)
            {
                end = length;
            }

            var lineEnd = end > position && text[end - 1] == (byte)'\r' ? end - 1 : end;
            if (lineEnd > position)
            {
                var space = Array.IndexOf(text, (byte)' ', position, lineEnd - position);
                var encodedEnd = space < 0 ? lineEnd : space;
                var rank = space < 0 ? implicitRank : ParseRank(text, space + 1, lineEnd);
                var written = DecodeBase64(text, position, encodedEnd, blob, used);
                ranks[entries] = rank;
                starts[entries] = used;
                lengths[entries] = written;
                entries++;
                used += written;
                maxRank = Math.Max(maxRank, rank);
                implicitRank++;
            }

            position = end + 1;
        }

        var start = new int[maxRank + 1];
        var size = new int[maxRank + 1];
        var tableSize = 1;
        while (tableSize < entries * 2)
        {
            tableSize <<= 1;
        }

        var slots = new int[tableSize];
        var mask = tableSize - 1;
        for (var i = 0; i < entries; i++)
        {
            start[ranks[i]] = starts[i];
            size[ranks[i]] = lengths[i];
            var slot = Hash(blob, starts[i], lengths[i]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = ranks[i] + 1;
        }

        return new TiktokenVocabulary(blob, start, size, slots);
    }

    /// <summary>The rank of a byte sequence, or -1 when it is not a token.</summary>
    public int Rank(byte[] bytes, int offset, int count)
    {
        var slot = Hash(bytes, offset, count) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            var rank = entry - 1;
            if (_length[rank] == count && Same(_blob, _start[rank], bytes, offset, count))
            {
                return rank;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static bool Same(byte[] a, int aOffset, byte[] b, int bOffset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (a[aOffset + i] != b[bOffset + i])
            {
                return false;
            }
        }

        return true;
    }

    // FNV-1a with a final mix: cheap on the short sequences a vocabulary holds.
    private static int Hash(byte[] bytes, int offset, int count)
    {
        var hash = 2166136261u;
        for (var i = offset; i < offset + count; i++)
        {
            hash = (hash ^ bytes[i]) * 16777619u;
        }

        hash ^= hash >> 15;
        return (int)hash;
    }

    private static bool StartsWith(byte[] text, int length, string prefix)
    {
        if (length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (text[i] != (byte)prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int ParseRank(byte[] text, int from, int to)
    {
        var rank = 0;
        for (var i = from; i < to; i++)
        {
            var digit = text[i] - (byte)'0';
            if (digit is < 0 or > 9)
            {
                throw new InvalidDataException("A tiktoken vocabulary rank is not a number.");
            }

            rank = checked((rank * 10) + digit);
        }

        return rank;
    }

    private static readonly sbyte[] Base64Values = CreateBase64Values();

    private static sbyte[] CreateBase64Values()
    {
        var values = new sbyte[256];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -1;
        }

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            values[alphabet[i]] = (sbyte)i;
        }

        return values;
    }

    private static int DecodeBase64(byte[] text, int from, int to, byte[] into, int at)
    {
        var accumulator = 0;
        var bits = 0;
        var written = at;
        for (var i = from; i < to; i++)
        {
            var value = Base64Values[text[i]];
            if (value < 0)
            {
                continue; // padding
            }

            accumulator = (accumulator << 6) | (byte)value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                into[written++] = (byte)(accumulator >> bits);
            }
        }

        return written - at;
    }
}
