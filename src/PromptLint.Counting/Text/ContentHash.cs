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

    internal static byte[] Digest(string text)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(Encoding.UTF8.GetBytes(text));
    }
}
