using System.Security.Cryptography;
using System.Text;

namespace PromptLint.Counting.Text;

/// <summary>SHA-256 based hashes of normalized text.</summary>
public static class ContentHash
{
    /// <summary>Hex of the first 16 bytes of SHA-256 over the UTF-8 text, prefixed with <c>sha256:</c>.</summary>
    public static string Of(string text)
    {
        var bytes = Digest(text);
        var sb = new StringBuilder("sha256:", 7 + 32);
        for (var i = 0; i < 16; i++)
        {
            sb.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    internal static byte[] Digest(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// SHA-256 of <paramref name="bytes"/>, with one hash object per thread: creating and disposing one per call cost a
    /// cold compiler process (a build without the compiler server) tens of milliseconds, as every count and every rule
    /// cache key takes a hash.
    /// </summary>
    public static byte[] Sha256(byte[] bytes) => (_sha ??= SHA256.Create()).ComputeHash(bytes);

    [System.ThreadStatic]
    private static SHA256? _sha;
}
