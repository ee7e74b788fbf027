using System;
using System.Text.RegularExpressions;
using System.Threading;

namespace PromptLint.Counting.Tokenizers;

/// <summary>
/// Counts the tokens of a text the way OpenAI's tiktoken encodes it: special tokens first, then the encoding's
/// pre-tokenizer pattern, then byte-pair merging of each piece's UTF-8 bytes by rank (lowest rank first, leftmost on
/// ties). Only counts: no token ids are produced, so nothing is allocated per token. Long pieces are merged with a heap,
/// so a megabyte without a space costs milliseconds, not minutes, and is still counted exactly.
/// </summary>
internal sealed partial class TiktokenCounter
{
    // Characters counted in this process after which matching switches to a compiled pattern: a build counts a few
    // hundred kilobytes (the interpreter starts faster), a long-running meter or CLI run counts far more.
    private const long CompileAfterCharacters = 4 * 1024 * 1024;

    // Pieces up to this many bytes merge with the simple quadratic scan tiktoken uses; longer ones with a heap.
    internal const int HeapMergeFrom = 128;

    private readonly TiktokenVocabulary _vocabulary;
    private readonly string _pattern;
    private readonly string[] _specialTokens;
    private readonly Regex _interpreted;
    private Regex? _compiled;
    private long _counted;

    [ThreadStatic]
    private static Scratch? _scratch;

    // 'generated': the pattern's source-generated regex (net8.0 build), used from the first count: nothing is parsed
    // or compiled at start-up, and it matches as fast as a compiled one. Null on netstandard2.0, which starts with the
    // interpreter and compiles the pattern once a process has counted enough text.
    public TiktokenCounter(string name, TiktokenVocabulary vocabulary, string pattern, string[] specialTokens, Regex? generated = null)
    {
        Name = name;
        _vocabulary = vocabulary;
        _pattern = pattern;
        _specialTokens = specialTokens;
        _interpreted = generated ?? new Regex(pattern, RegexOptions.CultureInvariant);
        _compiled = generated;
    }

    /// <summary>The encoding's name (<c>o200k_base</c>).</summary>
    public string Name { get; }

    /// <summary>The number of tokens tiktoken produces for <paramref name="text"/>, special tokens counted as one each.</summary>
    public int Count(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var regex = PatternFor(text.Length);
        var scratch = _scratch ??= new Scratch();
        var total = 0;
        var from = 0;
        while (from < text.Length)
        {
            var (at, length) = NextSpecial(text, from);
            total += CountOrdinary(regex, text, from, at - from, scratch);
            if (length == 0)
            {
                break;
            }

            total++;
            from = at + length;
        }

        return total;
    }

    private Regex PatternFor(int length)
    {
        if (_compiled is { } compiled)
        {
            return compiled;
        }

        if (Interlocked.Add(ref _counted, length) < CompileAfterCharacters)
        {
            return _interpreted;
        }

        var created = new Regex(_pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        return Interlocked.CompareExchange(ref _compiled, created, null) ?? created;
    }

    // The next special token at or after 'from': its position and length, or (text.Length, 0) when there is none.
    private (int At, int Length) NextSpecial(string text, int from)
    {
        var at = from;
        while ((at = text.IndexOf("<|", at, StringComparison.Ordinal)) >= 0)
        {
            foreach (var special in _specialTokens)
            {
                if (string.CompareOrdinal(text, at, special, 0, special.Length) == 0)
                {
                    return (at, special.Length);
                }
            }

            at += 2;
        }

        return (text.Length, 0);
    }

    private int CountOrdinary(Regex regex, string text, int start, int length, Scratch scratch)
    {
        if (length == 0)
        {
            return 0;
        }

        var total = 0;
        for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
        {
            var bytes = scratch.Bytes(match.Length * 3);
            var count = Utf8(text, match.Index, match.Length, bytes);
            total += CountPiece(bytes, count, scratch);
        }

        return total;
    }

    /// <summary>Tokens of one pre-tokenized piece of UTF-8 bytes.</summary>
    internal int CountPiece(byte[] piece, int length, Scratch scratch, int heapFrom = HeapMergeFrom)
    {
        if (length <= 1 || _vocabulary.Rank(piece, 0, length) >= 0)
        {
            return length == 0 ? 0 : 1;
        }

        return length < heapFrom ? MergeByScan(piece, length, scratch) : MergeByHeap(piece, length, scratch);
    }

    // UTF-8, except that a lone surrogate becomes the three bytes of its own code point (as tiktoken libraries on .NET
    // encode it) rather than a replacement character.
    private static int Utf8(string text, int start, int length, byte[] into)
    {
        var written = 0;
        var end = start + length;
        for (var i = start; i < end; i++)
        {
            int c = text[i];
            if (c < 0x80)
            {
                into[written++] = (byte)c;
            }
            else if (c < 0x800)
            {
                into[written++] = (byte)(0xC0 | (c >> 6));
                into[written++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate((char)c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                var code = char.ConvertToUtf32((char)c, text[++i]);
                into[written++] = (byte)(0xF0 | (code >> 18));
                into[written++] = (byte)(0x80 | ((code >> 12) & 0x3F));
                into[written++] = (byte)(0x80 | ((code >> 6) & 0x3F));
                into[written++] = (byte)(0x80 | (code & 0x3F));
            }
            else
            {
                into[written++] = (byte)(0xE0 | (c >> 12));
                into[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                into[written++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        return written;
    }

    /// <summary>Per-thread buffers, grown on demand, so counting allocates nothing in the steady state.</summary>
    internal sealed class Scratch
    {
        private byte[] _bytes = new byte[256];

#pragma warning disable SA1401 // the merge methods swap these in place
        internal int[] A = new int[256];
        internal int[] B = new int[256];
        internal int[] C = new int[256];
        internal long[] Heap = new long[256];
#pragma warning restore SA1401

        public byte[] Bytes(int length)
        {
            if (_bytes.Length < length)
            {
                _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
            }

            return _bytes;
        }

        public int[] Ints(ref int[] array, int length)
        {
            if (array.Length < length)
            {
                array = new int[Math.Max(length, array.Length * 2)];
            }

            return array;
        }
    }
}
