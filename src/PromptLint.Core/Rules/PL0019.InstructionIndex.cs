using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace PromptLint.Core.Rules;

public sealed partial class DeadInstructions
{
    /// <summary>Test seam: called after each evaluation with how many candidate pairs were compared.</summary>
    internal static readonly AsyncLocal<Action<int>?> ComparisonsMade = new();

    /// <summary>
    /// The most later instructions one instruction is compared with. Candidates come from the index and already share its
    /// action, so on real prompts the first one decides; the cap only bounds hostile files (thousands of alternatives of one
    /// conditional that all say the same thing), where a contradiction past it goes unreported.
    /// </summary>
    internal const int MaxCandidatesPerInstruction = 64;

    /// <summary>
    /// The instructions of one prompt hashed by what they ask for, so that "which later instruction contradicts this one"
    /// is a few look-ups instead of a scan of every later instruction (PL0019 was quadratic: 16.7 s for 2,000 pairs).
    /// Two tables: by polarity and action, where a later instruction of the other polarity whose action is the earlier's
    /// action or a whole-word prefix of it is a candidate; and by polarity and action with its numbers taken out, where a
    /// later amount instruction of the same polarity is. Hash hits are candidates only: the caller's predicate decides.
    /// </summary>
    internal sealed class InstructionIndex
    {
        private readonly IReadOnlyList<Entry> _entries;
        private readonly Dictionary<long, Bucket> _byAction = new();
        private readonly Dictionary<long, Bucket> _byAmount = new();

        public InstructionIndex(IReadOnlyList<Entry> entries)
        {
            _entries = entries;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                foreach (var action in entry.Actions)
                {
                    Add(_byAction, Key(entry.Positive, Hash(action, 0, action.Length)), i, entry.SetKey);
                }

                if (entry.IsAmount)
                {
                    foreach (var normalized in entry.Actions.Select(a => Number.Replace(a, "#")).Distinct(StringComparer.Ordinal))
                    {
                        Add(_byAmount, Key(entry.Positive, Hash(normalized, 0, normalized.Length)), i, entry.SetKey);
                    }
                }
            }

            foreach (var bucket in _byAction.Values.Concat(_byAmount.Values))
            {
                bucket.Seal();
            }
        }

        /// <summary>Candidate pairs handed to the predicate so far.</summary>
        public int Comparisons { get; private set; }

        /// <summary>
        /// The first instruction after <paramref name="earlier"/> that the predicate accepts (called with its index and
        /// whether it was found as an amount instruction), or -1.
        /// </summary>
        public int FirstLater(int earlier, Func<int, bool, bool> contradicts)
        {
            var entry = _entries[earlier];
            var best = int.MaxValue;
            var budget = MaxCandidatesPerInstruction;

            // The other polarity, the same action or a whole-word prefix of it: hash each prefix that ends before a space.
            foreach (var action in entry.Actions)
            {
                long hash = Seed;
                for (var c = 0; c <= action.Length && budget > 0; c++)
                {
                    if (c == action.Length || action[c] == ' ')
                    {
                        if (_byAction.TryGetValue(Key(!entry.Positive, hash), out var bucket))
                        {
                            best = Math.Min(best, bucket.First(earlier, best, null, j => contradicts(j, false), this, ref budget));
                        }
                    }

                    if (c < action.Length)
                    {
                        hash = Step(hash, action[c]);
                    }
                }
            }

            if (entry.IsAmount)
            {
                foreach (var normalized in entry.Actions.Select(a => Number.Replace(a, "#")).Distinct(StringComparer.Ordinal))
                {
                    if (budget > 0 && _byAmount.TryGetValue(Key(entry.Positive, Hash(normalized, 0, normalized.Length)), out var bucket))
                    {
                        // A restatement with the same numbers is never "other amounts": runs of it are skipped, not compared.
                        best = Math.Min(best, bucket.First(earlier, best, entry.SetKey, j => contradicts(j, true), this, ref budget));
                    }
                }
            }

            return best == int.MaxValue ? -1 : best;
        }

        private void Count() => Comparisons++;

        private static void Add(Dictionary<long, Bucket> table, long key, int index, string setKey)
        {
            if (!table.TryGetValue(key, out var bucket))
            {
                table[key] = bucket = new Bucket();
            }

            bucket.Add(index, setKey);
        }

        private const long Seed = 1469598103934665603;

        private static long Step(long hash, char c) => unchecked((hash ^ c) * 1099511628211);

        private static long Hash(string text, int start, int end)
        {
            var hash = Seed;
            for (var c = start; c < end; c++)
            {
                hash = Step(hash, text[c]);
            }

            return hash;
        }

        private static long Key(bool positive, long hash) => positive ? hash : ~hash;

        /// <summary>One instruction as the index sees it.</summary>
        internal sealed class Entry
        {
            public Entry(bool positive, HashSet<string> actions, bool isAmount)
            {
                Positive = positive;
                Actions = actions;
                IsAmount = isAmount;
                SetKey = string.Join("\n", actions.OrderBy(a => a, StringComparer.Ordinal));
            }

            public bool Positive { get; }

            public HashSet<string> Actions { get; }

            public bool IsAmount { get; }

            /// <summary>The actions as one string: two entries with the same key ask for exactly the same.</summary>
            public string SetKey { get; }
        }

        /// <summary>The instructions under one hash, in prompt order, with where the next run of other actions starts.</summary>
        private sealed class Bucket
        {
            private readonly List<int> _indices = new();
            private readonly List<string> _setKeys = new();
            private int[] _nextOther = Array.Empty<int>();

            public void Add(int index, string setKey)
            {
                // An instruction with two spellings of one action hashes into a bucket once.
                if (_indices.Count > 0 && _indices[_indices.Count - 1] == index)
                {
                    return;
                }

                _indices.Add(index);
                _setKeys.Add(setKey);
            }

            public void Seal()
            {
                _nextOther = new int[_indices.Count];
                for (var k = _indices.Count - 1; k >= 0; k--)
                {
                    _nextOther[k] = k + 1 < _indices.Count && string.Equals(_setKeys[k + 1], _setKeys[k], StringComparison.Ordinal) ? _nextOther[k + 1] : k + 1;
                }
            }

            /// <summary>
            /// The first index after <paramref name="earlier"/> and before <paramref name="before"/> the predicate accepts,
            /// or <see cref="int.MaxValue"/>. With <paramref name="skipSame"/>, entries asking exactly that are skipped by run.
            /// </summary>
            public int First(int earlier, int before, string? skipSame, Func<int, bool> accepts, InstructionIndex owner, ref int budget)
            {
                var k = UpperBound(earlier);
                while (k < _indices.Count && _indices[k] < before && budget > 0)
                {
                    if (skipSame is not null && string.Equals(_setKeys[k], skipSame, StringComparison.Ordinal))
                    {
                        k = _nextOther[k];
                        continue;
                    }

                    owner.Count();
                    budget--;
                    if (accepts(_indices[k]))
                    {
                        return _indices[k];
                    }

                    k++;
                }

                return int.MaxValue;
            }

            private int UpperBound(int value)
            {
                int lo = 0, hi = _indices.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    if (_indices[mid] <= value)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                return lo;
            }
        }
    }
}
