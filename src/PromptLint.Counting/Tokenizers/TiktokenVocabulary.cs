using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace PromptLint.Core.Tokenizers;

/// <summary>
/// The byte sequences of one tiktoken encoding and their ranks, loaded from the vocabulary embedded in this assembly
/// (taken at build time from the <c>Microsoft.ML.Tokenizers.Data.*</c> packages and converted to a compact layout).
/// Built for a fast cold start, which every compiler process without the compiler server pays again: one inflate,
/// a prefix sum and an open-addressing table, no text parsing and no per-token objects.
/// </summary>
internal sealed class TiktokenVocabulary
{
    // MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name; the compilers' runtimes honour it.
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

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
    /// Reads a deflated vocabulary in the layout Vocabularies.targets writes at build time from tiktoken text:
    /// "PLV1", the token count n (little-endian int), the byte length of tokens 0..n-1 (one byte each), then their
    /// bytes one after the other. Loading is an inflate, a prefix sum and filling the lookup table.
    /// </summary>
    [MethodImpl(AggressiveOptimization)] // One long run at start-up: tier-0 code would be several times slower.
    public static TiktokenVocabulary Load(Stream deflated)
    {
        byte[] data;
        int length;
        using (var inflate = new DeflateStream(deflated, CompressionMode.Decompress))
        using (var buffer = new MemoryStream(2 * 1024 * 1024))
        {
            inflate.CopyTo(buffer);
            data = buffer.GetBuffer();
            length = (int)buffer.Length;
        }

        if (length < 8 || data[0] != (byte)'P' || data[1] != (byte)'L' || data[2] != (byte)'V' || data[3] != (byte)'1')
        {
            throw new InvalidDataException("The embedded vocabulary is not in PromptLint's layout; rebuild PromptLint.Core.");
        }

        var count = data[4] | (data[5] << 8) | (data[6] << 16) | (data[7] << 24);
        if (count <= 0 || 8L + count > length)
        {
            throw new InvalidDataException("The embedded vocabulary is cut short; rebuild PromptLint.Core.");
        }

        // The token bytes stay where they are in the inflated buffer: the blob is the buffer itself.
        var start = new int[count];
        var size = new int[count];
        var position = 8 + count;
        for (var rank = 0; rank < count; rank++)
        {
            start[rank] = position;
            size[rank] = data[8 + rank];
            position += size[rank];
        }

        if (position > length)
        {
            throw new InvalidDataException("The embedded vocabulary is cut short; rebuild PromptLint.Core.");
        }

        var tableSize = 1;
        while (tableSize < count * 2)
        {
            tableSize <<= 1;
        }

        var slots = new int[tableSize];
        var mask = tableSize - 1;
        for (var rank = 0; rank < count; rank++)
        {
            var slot = Hash(data, start[rank], size[rank]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = rank + 1;
        }

        return new TiktokenVocabulary(data, start, size, slots);
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
    [MethodImpl(AggressiveOptimization)] // One long run at start-up: tier-0 code would be several times slower.
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
}
