using System;
using System.IO;

namespace PromptLint.Counting.Tokenizers;

/// <summary>
/// The byte sequences of one tiktoken encoding and their ranks, loaded from the vocabulary embedded in this assembly
/// (taken at build time from the <c>Microsoft.ML.Tokenizers.Data.*</c> packages and turned into this lookup table by
/// Vocabularies.targets). Built for a fast cold start, which every compiler process without the compiler server and
/// every run of the CLI pays again: the table is stored ready to use, so loading is copying it out of the assembly,
/// with no inflate, no text parsing, no hashing and no per-token objects.
/// </summary>
internal sealed class TiktokenVocabulary
{
    private const int Header = 12;

    // The file as embedded: token bytes are read where they are (at _start[rank], _data[_lengthsAt + rank] long).
    private readonly byte[] _data;
    private readonly int[] _start;
    private readonly int[] _slots;
    private readonly int _lengthsAt;
    private readonly int _mask;

    private TiktokenVocabulary(byte[] data, int[] start, int[] slots, int lengthsAt)
    {
        _data = data;
        _start = start;
        _slots = slots;
        _lengthsAt = lengthsAt;
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
    /// Reads a vocabulary in the layout Vocabularies.targets writes at build time: "PLV2", then little-endian the token
    /// count n and the table size m (a power of two), where each token's bytes start in the file (n ints), the lookup
    /// table (m ints: rank + 1 in the slot <see cref="Hash"/> and linear probing give it, 0 for empty), each token's
    /// length (n bytes), and the tokens' bytes. Loading copies the two int arrays out; nothing is computed.
    /// </summary>
    public static TiktokenVocabulary Load(Stream stream)
    {
        var data = ReadAll(stream);
        if (data.Length < Header || data[0] != (byte)'P' || data[1] != (byte)'L' || data[2] != (byte)'V' || data[3] != (byte)'2')
        {
            throw new InvalidDataException("The embedded vocabulary is not in PromptLint's layout; rebuild PromptLint.Counting.");
        }

        var count = Int32(data, 4);
        var tableSize = Int32(data, 8);
        var lengthsAt = Header + 4L * count + 4L * tableSize;
        if (count <= 0 || tableSize < count || (tableSize & (tableSize - 1)) != 0 || lengthsAt + count > data.Length)
        {
            throw new InvalidDataException("The embedded vocabulary is cut short; rebuild PromptLint.Counting.");
        }

        var start = Ints(data, Header, count);
        var slots = Ints(data, Header + 4 * count, tableSize);
        var last = count - 1;
        if (start[last] + data[lengthsAt + last] > data.Length)
        {
            throw new InvalidDataException("The embedded vocabulary is cut short; rebuild PromptLint.Counting.");
        }

        return new TiktokenVocabulary(data, start, slots, (int)lengthsAt);
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream.CanSeek)
        {
            // An embedded resource: one copy out of the loaded image.
            var data = new byte[stream.Length - stream.Position];
            var read = 0;
            while (read < data.Length)
            {
                var n = stream.Read(data, read, data.Length - read);
                if (n == 0)
                {
                    throw new InvalidDataException("The embedded vocabulary is cut short; rebuild PromptLint.Counting.");
                }

                read += n;
            }

            return data;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static int Int32(byte[] data, int at) => data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24);

    private static int[] Ints(byte[] data, int at, int count)
    {
        var ints = new int[count];
        if (BitConverter.IsLittleEndian)
        {
            Buffer.BlockCopy(data, at, ints, 0, count * 4);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                ints[i] = Int32(data, at + 4 * i);
            }
        }

        return ints;
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
            if (_data[_lengthsAt + rank] == count && Same(_data, _start[rank], bytes, offset, count))
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

    // FNV-1a with a final mix: cheap on the short sequences a vocabulary holds. Vocabularies.targets computes the same
    // hash when it builds the table.
    internal static int Hash(byte[] bytes, int offset, int count)
    {
        var hash = 2166136261u;
        for (var i = offset; i < offset + count; i++)
        {
            hash = (hash ^ bytes[i]) * 16777619u;
        }

        hash ^= hash >> 15;
        return (int)hash;
    }
}
