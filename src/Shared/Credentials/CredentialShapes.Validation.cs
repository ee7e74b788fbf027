using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptLint.Credentials;

/// <summary>The validators of <see cref="CredentialShapes"/>: what tells a real credential from a placeholder, a word or a sequence.</summary>
internal static partial class CredentialShapes
{
    // ---- Placeholders: documentation shapes, not secrets ("sk-xxxx…", "<your-key>", "${API_KEY}", "AKIA…EXAMPLE"). ----

    private static readonly string[] PlaceholderMarks = { "example", "your", "xxxx", "0000000", "redacted", "placeholder", "changeme", "...", "\u2026", "<", ">", "{", "}", "$(", "%", "***", "12345678", "abcdefgh" };

    internal static bool IsPlaceholder(string value)
    {
        foreach (var mark in PlaceholderMarks)
        {
            // '%' is a URL escape in a SAS signature: only a placeholder as %NAME%.
            if (mark == "%" ? IsPercentVariable(value) : value.IndexOf(mark, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return Distinct(value) <= 3;
    }

    private static bool IsPercentVariable(string value)
    {
        var first = value.IndexOf('%');
        return first >= 0 && value.IndexOf('%', first + 1) > first + 1 && value.IndexOf("%2", StringComparison.OrdinalIgnoreCase) < 0 && value.IndexOf("%3", StringComparison.OrdinalIgnoreCase) < 0;
    }

    private static readonly string[] PlaceholderPasswords =
    {
        "password", "passwd", "pass", "pwd", "secret", "admin", "root", "postgres", "mysql", "guest", "test", "user", "sa", "changeit", "letmein", "redis", "mongo", "dev",
    };

    // A password in a sample: a common default, the user name again, a variable or a word with "password" or "secret" in it.
    private static bool IsPlaceholderPassword(string value, string? user)
    {
        if (value.Length == 0 || (user is not null && string.Equals(value, user, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var word in PlaceholderPasswords)
        {
            if (string.Equals(value, word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return value.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0
            || value[0] is '$' or '@' or '[' or '(' or '*' || value.IndexOf("$", StringComparison.Ordinal) >= 0 && value.IndexOf("{", StringComparison.Ordinal) >= 0
            || (value.Length > 2 && value.StartsWith("my", StringComparison.Ordinal) && char.IsUpper(value[2]))
            || Distinct(value) <= 2;
    }

    // The '=' is inside a connection string: another of its keywords is on the same line, before it, ';'-separated.
    private static readonly Regex ConnectionKeyword = new(@"(?:server|data source|host|addr|address|initial catalog|database|user id|uid|username|user|endpoint|port)\s*=[^;\r\n]*;", AnyCase);

    private static bool IsConnectionString(string text, int index)
    {
        var start = index;
        var limit = Math.Max(0, index - 400);
        while (start > limit && text[start - 1] != '\n')
        {
            start--;
        }

        var end = index;
        var endLimit = Math.Min(text.Length, index + 400);
        while (end < endLimit && text[end] != '\n')
        {
            end++;
        }

        return ConnectionKeyword.IsMatch(text.Substring(start, end - start));
    }

    private static bool Near(string text, int index, int window, params string[] marks)
    {
        var start = Math.Max(0, index - window);
        var length = Math.Min(text.Length, index + window) - start;
        foreach (var mark in marks)
        {
            if (text.IndexOf(mark, start, length, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Randomness: a real key's characters are spread; words, identifiers, paths and sequences are not. ----

    internal static int Distinct(string value)
    {
        var seen = new HashSet<char>();
        foreach (var c in value)
        {
            seen.Add(c);
        }

        return seen.Count;
    }

    internal static double Entropy(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    private static bool Varied(string value, int minDistinct) => Distinct(value) >= minDistinct && !IsPlaceholder(value);

    private static bool HasDigitAndLetter(string value)
    {
        bool digit = false, letter = false;
        foreach (var c in value)
        {
            digit |= c is >= '0' and <= '9';
            letter |= c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        }

        return digit && letter;
    }

    // Most characters in runs of three or more lower-case letters: words, identifiers, slugs.
    private static readonly Regex Word = new(@"[A-Za-z]?[a-z]{3,}", Exact);

    private static bool Wordy(string value)
    {
        var inWords = 0;
        for (var m = Word.Match(value); m.Success; m = m.NextMatch())
        {
            inWords += m.Length;
        }

        return inWords * 2 >= value.Length;
    }

    // An issuer-prefixed token's random part: not a placeholder, not words, spread (at least 3 bits a character).
    private static bool LooksRandom(string body)
        => !IsPlaceholder(body) && !Wordy(body) && Entropy(body) >= 3.0;

    // Hugging Face tokens are letters only: mixed case and spread is what tells them from a word.
    private static bool LooksRandomLetters(string body)
    {
        bool upper = false, lower = false;
        foreach (var c in body)
        {
            upper |= char.IsUpper(c);
            lower |= char.IsLower(c);
        }

        return upper && lower && !IsPlaceholder(body) && Entropy(body) >= 3.5;
    }

    // A value assigned to password=/secret=/apikey=/token: letters and digits, no words, no variable name, spread like a key.
    private static bool LooksLikeAssignedSecret(string value)
    {
        if (!HasDigitAndLetter(value) || Wordy(value) || IsPlaceholder(value) || value.IndexOf("//", StringComparison.Ordinal) >= 0 || value[0] == '/'
            || ShortPieces(value) || EncodesPlaceholderPassword(value))
        {
            return false;
        }

        var identifier = true;
        foreach (var c in value)
        {
            identifier &= c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.';
        }

        // ENV_VAR_NAMES and dotted config keys are names, not values.
        if (identifier && value.IndexOf('_') >= 0)
        {
            return false;
        }

        return Entropy(value) >= Math.Min(3.5, Math.Log(value.Length, 2) - 0.7);
    }

    // A Kubernetes Secret's data is base64: "bXlzZWNyZXRwYXNzd29yZA==" is "mysecretpassword", a sample's placeholder, not a
    // secret. Only a value that decodes to printable text which is itself a placeholder password is spared.
    private static bool EncodesPlaceholderPassword(string value)
    {
        if (value.Length % 4 != 0 || DecodeBase64Url(value) is not { Length: > 0 } decoded)
        {
            return false;
        }

        foreach (var c in decoded)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        // Words once decoded ("api-token-here") are a sample's stand-in: generated key material decodes to noise.
        return IsPlaceholderPassword(decoded, null) || IsPlaceholder(decoded) || Wordy(decoded);
    }

    // Short pieces joined by '_', '-' or '.' ("pi_123456_secret_abc", "user-01-key-02"): an identifier or a mock id
    // written by hand. Generated key material has long runs of letters and digits between any separators it has.
    private static bool ShortPieces(string value)
    {
        int run = 0, longest = 0;
        foreach (var c in value)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                longest = Math.Max(longest, ++run);
            }
            else if (c is '_' or '-' or '.')
            {
                run = 0;
            }
            else
            {
                return false;
            }
        }

        return longest < 8;
    }

    private static bool HasEllipsis(string value) => value.IndexOf("...", StringComparison.Ordinal) >= 0 || value.IndexOf('\u2026') >= 0;

    private static int Base64Characters(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/')
            {
                count++;
            }
        }

        return count;
    }

    // An HMAC-SHA256 signature, URL-escaped: 32 bytes are 43 base64 characters and '='. Signatures written by hand or
    // cut by a tool lose or gain a character, so 40 to 48 base64 characters pass; the SAS parameters nearby decide.
    private static bool IsSasSignature(string value)
    {
        var unescaped = value.Replace("%2B", "+").Replace("%2b", "+").Replace("%2F", "/").Replace("%2f", "/").Replace("%3D", "=").Replace("%3d", "=").TrimEnd('=');
        if (unescaped.Length < 40 || unescaped.Length > 48)
        {
            return false;
        }

        foreach (var c in unescaped)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    // ---- JWT: a base64url JSON header with "alg", a JSON payload, a signature; jwt.io's example is documentation. ----

    private static bool IsJwt(Match m)
    {
        var header = DecodeBase64Url("eyJ" + m.Groups["header"].Value);
        var payload = DecodeBase64Url(m.Groups["payload"].Value);
        if (header is null || payload is null || !header.StartsWith("{", StringComparison.Ordinal) || header.IndexOf("\"alg\"", StringComparison.Ordinal) < 0
            || !payload.StartsWith("{", StringComparison.Ordinal))
        {
            return false;
        }

        // jwt.io's and RFC 7519's documented examples.
        if ((payload.IndexOf("\"1234567890\"", StringComparison.Ordinal) >= 0 && payload.IndexOf("John Doe", StringComparison.Ordinal) >= 0)
            || payload.IndexOf("\"joe\"", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        return Distinct(m.Groups["signature"].Value) >= 10;
    }

    private static string? DecodeBase64Url(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        switch (s.Length % 4)
        {
            case 2: s += "=="; break;
            case 3: s += "="; break;
            case 1: return null;
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // ---- GitHub's and npm's token checksum: the last 6 characters are the CRC32 of the 30 before, in base62. ----

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    internal static bool HasValidCrc32Checksum(string body)
    {
        if (body.Length != 36)
        {
            return false;
        }

        return string.Equals(Crc32Base62(body.Substring(0, 30)), body.Substring(30), StringComparison.Ordinal);
    }

    /// <summary>The 6-character base62 CRC32 of <paramref name="random"/> (how GitHub and npm tokens end).</summary>
    internal static string Crc32Base62(string random)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in random)
        {
            crc = Crc32Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        crc ^= 0xFFFFFFFFu;
        var chars = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            chars[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(chars);
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
