using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using PromptLint.Counting.Text;

namespace PromptLint.Core.Tests.Counting;

public class ContentHashTests
{
    [Fact]
    public void Sha256_matches_the_framework_hash_for_text_of_every_length()
    {
        foreach (var length in new[] { 0, 1, 55, 56, 64, 1000 })
        {
            var bytes = Encoding.UTF8.GetBytes(new string('é', length));
            using var reference = SHA256.Create();
            Assert.Equal(reference.ComputeHash(bytes), ContentHash.Sha256(bytes));
        }
    }

    [Fact]
    public void Hashing_on_many_threads_at_once_gives_each_text_its_own_hash()
    {
        // One hash object per thread: a shared one would mix the inputs of concurrent calls.
        var texts = Enumerable.Range(0, 400).Select(i => "prompt " + i + new string('x', i % 97)).ToArray();
        var expected = texts.Select(ContentHash.Of).ToArray();
        var seen = new ConcurrentDictionary<int, string>();
        Parallel.For(0, texts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var hash = ContentHash.Of(texts[i % texts.Length]);
            Assert.Equal(expected[i % texts.Length], hash);
            seen[i % texts.Length] = hash;
        });
        Assert.Equal(texts.Length, seen.Count);
        Assert.Equal(texts.Length, expected.Distinct().Count());
    }
}
