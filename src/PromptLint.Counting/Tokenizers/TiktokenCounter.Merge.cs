using System;

namespace PromptLint.Counting.Tokenizers;

/// <summary>Byte-pair merging of one piece by rank: tiktoken's scan for short pieces, a heap for long ones.</summary>
internal sealed partial class TiktokenCounter
{
    // tiktoken's own merge: parts[i] starts a part, rank[i] is the rank of parts i and i+1 joined.
    private int MergeByScan(byte[] piece, int length, Scratch scratch)
    {
        var parts = scratch.Ints(ref scratch.A, length + 1);
        var ranks = scratch.Ints(ref scratch.B, length + 1);
        for (var i = 0; i <= length; i++)
        {
            parts[i] = i;
            ranks[i] = i + 2 <= length ? RankOrMax(piece, i, 2) : int.MaxValue;
        }

        var count = length + 1;
        while (count > 2)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < count - 1; i++)
            {
                if (ranks[i] < bestRank)
                {
                    bestRank = ranks[i];
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            // Join parts best and best+1: the pairs that now start at best and best-1 cover one more part.
            ranks[best] = best + 3 < count ? RankOrMax(piece, parts[best], parts[best + 3] - parts[best]) : int.MaxValue;
            if (best > 0)
            {
                ranks[best - 1] = best + 2 < count ? RankOrMax(piece, parts[best - 1], parts[best + 2] - parts[best - 1]) : int.MaxValue;
            }

            Array.Copy(parts, best + 2, parts, best + 1, count - best - 2);
            Array.Copy(ranks, best + 2, ranks, best + 1, count - best - 2);
            count--;
        }

        return count - 1;
    }

    // The same merge order (lowest rank, then leftmost) over a linked list of parts and a min-heap of candidate pairs,
    // so a long piece costs n log n instead of n².
    private int MergeByHeap(byte[] piece, int length, Scratch scratch)
    {
        var next = scratch.Ints(ref scratch.A, length + 1);
        var previous = scratch.Ints(ref scratch.B, length + 1);
        var pairRank = scratch.Ints(ref scratch.C, length + 1);
        var heap = new MinHeap(scratch, length);
        for (var i = 0; i < length; i++)
        {
            next[i] = i + 1;
            previous[i] = i - 1;
            pairRank[i] = i + 2 <= length ? RankOrMax(piece, i, 2) : int.MaxValue;
            if (pairRank[i] != int.MaxValue)
            {
                heap.Push(pairRank[i], i);
            }
        }

        var parts = length;
        while (heap.TryPop(out var rank, out var at))
        {
            // Stale entries: the part was joined into its left neighbour, or its pair changed since it was pushed.
            if (next[at] < 0 || pairRank[at] != rank)
            {
                continue;
            }

            var joined = next[at];
            var after = next[joined];
            next[at] = after;
            if (after < length)
            {
                previous[after] = at;
            }

            next[joined] = -1;
            parts--;

            pairRank[at] = after < length ? RankOrMax(piece, at, End(next, after, length) - at) : int.MaxValue;
            if (pairRank[at] != int.MaxValue)
            {
                heap.Push(pairRank[at], at);
            }

            var before = previous[at];
            if (before >= 0)
            {
                pairRank[before] = RankOrMax(piece, before, End(next, at, length) - before);
                if (pairRank[before] != int.MaxValue)
                {
                    heap.Push(pairRank[before], before);
                }
            }
        }

        return parts;
    }

    private static int End(int[] next, int part, int length) => part >= length ? length : next[part];

    private int RankOrMax(byte[] piece, int offset, int count)
    {
        var rank = _vocabulary.Rank(piece, offset, count);
        return rank < 0 ? int.MaxValue : rank;
    }

    // A binary min-heap of (rank, position) packed in one long: ordering by the long is rank first, then leftmost.
    private struct MinHeap
    {
        private long[] _items;
        private int _count;

        public MinHeap(Scratch scratch, int capacity)
        {
            if (scratch.Heap.Length < capacity * 2)
            {
                scratch.Heap = new long[capacity * 2];
            }

            _items = scratch.Heap;
            _count = 0;
        }

        public void Push(int rank, int position)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            var item = ((long)rank << 32) | (uint)position;
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_items[parent] <= item)
                {
                    break;
                }

                _items[i] = _items[parent];
                i = parent;
            }

            _items[i] = item;
        }

        public bool TryPop(out int rank, out int position)
        {
            if (_count == 0)
            {
                rank = 0;
                position = 0;
                return false;
            }

            var top = _items[0];
            rank = (int)(top >> 32);
            position = (int)(top & 0xFFFFFFFF);
            var last = _items[--_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _items[child + 1] < _items[child])
                {
                    child++;
                }

                if (last <= _items[child])
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
            return true;
        }
    }
}
