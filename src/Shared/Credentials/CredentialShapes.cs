using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptLint.Credentials;

/// <summary>
/// The one table of credential shapes: one entry per family (its kind, the cheap substrings any match must contain, a
/// pattern, a validator, and the documented example values that are not secrets). Compiled into both PromptLint.Core
/// (rule PL0021) and PromptLint.Meter (the credential guard) as a linked source file, so the meter gets the same shapes
/// without depending on the analyzer side, and the table stays in one place.
/// </summary>
/// <remarks>
/// Every pattern is a bounded, non-nested expression that starts at a literal or a short class, and a pattern only runs
/// when one of its anchors is in the text (an ordinal substring search): a prompt with no anchor costs a few
/// <see cref="string.IndexOf(string, StringComparison)"/> calls. No .NET secret-scanning package the registry serves fits
/// an analyzer (netstandard2.0, no dependencies), hence this table.
/// </remarks>
internal static partial class CredentialShapes
{
    private const RegexOptions Exact = RegexOptions.CultureInvariant;
    private const RegexOptions AnyCase = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>One credential family.</summary>
    internal sealed class Shape
    {
        public Shape(string kind, string[] anchors, bool anchorsIgnoreCase, Regex pattern, Func<string, Match, string, bool>? validate, params string[] examples)
        {
            Kind = kind;
            // A pattern that starts with \G is tried only where one of its anchors starts: no scan of the text at all.
            AtAnchors = pattern.ToString().StartsWith(@"\G", StringComparison.Ordinal);
            Anchors = anchorsIgnoreCase ? Array.ConvertAll(anchors, a => a.ToLowerInvariant()) : anchors;
            AnchorsIgnoreCase = anchorsIgnoreCase;
            Pattern = pattern;
            Validate = validate;
            Examples = examples;
        }

        /// <summary>What the messages call it ("Azure Storage account key"); never the value.</summary>
        public string Kind { get; }

        /// <summary>Substrings one of which every match contains: the pattern runs only when the text has one (lower case when <see cref="AnchorsIgnoreCase"/>).</summary>
        public string[] Anchors { get; }

        public bool AnchorsIgnoreCase { get; }

        /// <summary>True when <see cref="Pattern"/> starts with <c>\G</c>: it is matched at each anchor's occurrences only.</summary>
        public bool AtAnchors { get; }

        /// <summary>The shape. A group named <c>secret</c>, when it matched, is the span reported (the key of a connection string, not the whole string).</summary>
        public Regex Pattern { get; }

        /// <summary>A test of the text, the match and its secret span's value beyond the pattern (entropy, checksum, context); null when the pattern is enough.</summary>
        public Func<string, Match, string, bool>? Validate { get; }

        /// <summary>Documented example values (from the issuers' own documentation) that stay silent.</summary>
        public string[] Examples { get; }
    }

    /// <summary>Every family, most specific first: where two overlap, the earlier entry names the secret.</summary>
    internal static readonly Shape[] All =
    {
        // A GCP service account key file: its private key, as JSON carries it (escaped line breaks). Before the PEM shape, which would otherwise name it.
        new("GCP service account key", new[] { "\"private_key\"" }, false,
            new Regex(@"""private_key""\s*:\s*""(?<secret>-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----(?:[^""\\]|\\.){64,16384})""", Exact),
            (text, m, value) => text.IndexOf("service_account", StringComparison.Ordinal) >= 0 && Base64Characters(value) >= 200 && !HasEllipsis(value)),
        new("PEM private key", new[] { "PRIVATE KEY-----" }, false,
            new Regex(@"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----(?<body>(?:[A-Za-z0-9+/=\s:,.]|-(?!----)|\\[nr]){64,16384}?)-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----", Exact),
            (text, m, value) => Base64Characters(m.Groups["body"].Value) >= 64 && !HasEllipsis(m.Groups["body"].Value) && Distinct(m.Groups["body"].Value) >= 24),
        new("Azure Storage account key", new[] { "AccountKey" }, true,
            new Regex(@"(?<![A-Za-z0-9])AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)", AnyCase),
            (text, m, value) => Varied(value, 20),
            // Azurite's and the Storage Emulator's published development key.
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
        new("Azure SAS token", new[] { "sig=" }, false,
            new Regex(@"(?<![A-Za-z0-9_])sig=(?<secret>[A-Za-z0-9+/%]{40,64})", Exact),
            (text, m, value) => IsSasSignature(value) && Near(text, m.Index, 600, "sv=", "se=", "sp=", "sr=") && Varied(value, 16)),
        new("Azure shared access key (Service Bus, Event Hubs, IoT Hub, Relay)", new[] { "SharedAccessKey" }, true,
            new Regex(@"(?<![A-Za-z0-9])SharedAccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{43}=)", AnyCase),
            (text, m, value) => Varied(value, 16)),
        new("Azure Cache for Redis key", new[] { ".redis.cache.windows.net" }, true,
            new Regex(@"\.redis\.cache\.windows\.net(?::[0-9]{1,5})?,[^""'\s]{0,200}?password\s*=\s*(?<secret>[A-Za-z0-9+/]{40,64}={0,2})", AnyCase),
            (text, m, value) => Varied(value, 16)),
        new("Azure OpenAI or Azure AI services key", new[] { "api-key", "ocp-apim", "azure" }, true,
            new Regex(@"\G(?<![A-Za-z0-9])(?:api-key|ocp-apim-subscription-key|azure[_-]?openai[_-]?(?:api[_-]?)?key|azure[_-]?(?:ai|cognitive)[_-]?(?:services[_-]?)?(?:api[_-]?)?key)[""']?\s*[:=]\s*[""']?(?<secret>[0-9a-fA-F]{32}|[A-Za-z0-9]{84})(?![A-Za-z0-9])", AnyCase),
            (text, m, value) => Varied(value, 10) && HasDigitAndLetter(value)),
        new("Connection string password", new[] { "password", "pwd" }, true,
            new Regex(@"(?<![A-Za-z0-9_])(?:password|pwd)\s*=\s*(?<secret>[^;""'\s]{6,128})(?=;|""|'|\s|$)", AnyCase),
            (text, m, value) => IsConnectionString(text, m.Index) && !IsPlaceholderPassword(value, null),
            // Microsoft's and connectionstrings.com's documented samples.
            "yourStrong(!)Password", "<YourStrong@Passw0rd>", "myPassword", "Password12!"),
        new("Database URI password", new[] { "postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "cockroachdb" }, true,
            new Regex(@"\G(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb)://(?<user>[^:@/\s""'<>]{0,64}):(?<secret>[^@/\s""'<>]{1,128})@[A-Za-z0-9.-]{1,253}", AnyCase),
            (text, m, value) => !IsPlaceholderPassword(value, m.Groups["user"].Value),
            // Docker Hub's documented postgres example password.
            "mysecretpassword"),
        new("JWT", new[] { "eyJ" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])eyJ(?<header>[A-Za-z0-9_-]{8,2000})\.(?<payload>eyJ[A-Za-z0-9_-]{8,8000})\.(?<signature>[A-Za-z0-9_-]{16,2000})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => IsJwt(m)),
        new("GitHub token", new[] { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])gh[pousr]_(?<body>[A-Za-z0-9]{36,255})(?![A-Za-z0-9_])", Exact),
            (text, m, value) => HasValidCrc32Checksum(m.Groups["body"].Value) || LooksRandom(m.Groups["body"].Value)),
        new("GitHub fine-grained token", new[] { "github_pat_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])github_pat_(?<body>[A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("GitLab token", new[] { "glpat-" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])glpat-(?<body>[A-Za-z0-9_-]{20,250})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("Slack webhook", new[] { "hooks.slack.com" }, true,
            new Regex(@"https?://hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,40}|[A-Za-z0-9_/-]{30,120})", AnyCase),
            (text, m, value) => LooksRandom(value.Substring(value.LastIndexOf('/') + 1))),
        new("Slack token", new[] { "xox" }, false,
            new Regex(@"(?<![A-Za-z0-9_])xox[abposr]-(?<body>[A-Za-z0-9-]{10,250})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => !IsPlaceholder(m.Groups["body"].Value) && Distinct(m.Groups["body"].Value) > 5),
        new("AWS access key", new[] { "AKIA", "ASIA" }, false,
            new Regex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA)(?<body>[0-9A-Z]{16})(?![A-Za-z0-9])", Exact),
            (text, m, value) => !IsPlaceholder(m.Value) && Distinct(m.Groups["body"].Value) > 5,
            // AWS's documented example key id.
            "AKIAIOSFODNN7EXAMPLE"),
        new("Anthropic API key", new[] { "sk-ant-" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])sk-ant-(?<body>[A-Za-z0-9_-]{32,250})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("OpenAI API key", new[] { "sk-" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?(?<body>[A-Za-z0-9_-]{32,250})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("npm token", new[] { "npm_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])npm_(?<body>[A-Za-z0-9]{36})(?![A-Za-z0-9_])", Exact),
            (text, m, value) => HasValidCrc32Checksum(m.Groups["body"].Value) || LooksRandom(m.Groups["body"].Value)),
        new("Stripe secret key", new[] { "k_live_", "k_test_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])[rs]k_(?:live|test)_(?<body>[A-Za-z0-9]{16,250})(?![A-Za-z0-9_])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value),
            // Stripe's documented test-mode key (split so scanners do not take this file for a leak).
            "sk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc"),
        new("Google API key", new[] { "AIza" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])AIza(?<body>[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("Hugging Face token", new[] { "hf_", "api_org_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])(?:hf|api_org)_(?<body>[A-Za-z0-9]{30,40})(?![A-Za-z0-9_])", Exact),
            (text, m, value) => LooksRandomLetters(m.Groups["body"].Value)),
        new("SendGrid API key", new[] { "SG." }, false,
            new Regex(@"(?<![A-Za-z0-9_.-])SG\.(?<id>[A-Za-z0-9_-]{22})\.(?<body>[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("Azure AD client secret", new[] { "Q~" }, false,
            new Regex(@"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~(?<body>[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("PyPI token", new[] { "pypi-AgE" }, false,
            new Regex(@"(?<![A-Za-z0-9_-])pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)(?<body>[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => Distinct(m.Groups["body"].Value) >= 16),
        new("Docker Hub token", new[] { "dckr_" }, false,
            new Regex(@"(?<![A-Za-z0-9_])dckr_(?:pat|oat)_(?<body>[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])", Exact),
            (text, m, value) => LooksRandom(m.Groups["body"].Value)),
        new("Twilio credential", new[] { "sk", "twilio" }, true,
            new Regex(@"\G(?:(?<![A-Za-z0-9])SK(?<body>[0-9a-f]{32})(?![A-Za-z0-9])|(?i:twilio[A-Za-z0-9_.-]{0,30}?token[""']?\s*[:=]\s*[""']?)(?<secret>[0-9a-f]{32})(?![0-9A-Za-z]))", Exact),
            (text, m, value) => Varied(value.Length == 34 ? value.Substring(2) : value, 10) && HasDigitAndLetter(value.Length == 34 ? value.Substring(2) : value)),
        new("Mailgun API key", new[] { "key-", "mailgun" }, true,
            new Regex(@"\G(?:(?<![A-Za-z0-9_-])key-(?<body>[0-9a-z]{32})(?![A-Za-z0-9])|(?i:mailgun[A-Za-z0-9_.-]{0,30}?key[""']?\s*[:=]\s*[""']?)(?<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![0-9A-Za-z]))", Exact),
            (text, m, value) => Varied(value, 10) && HasDigitAndLetter(value),
            // Mailgun's documented sample key.
            "key-" + "3ax6xnjp29jd6fds4gc373sgvjxteol0"),
        // Last: only what no family above names. A value assigned to a secret-sounding name, random enough to be one.
        new("Secret assignment", new[] { "password", "passwd", "pwd", "secret", "apikey", "key", "token", "bearer" }, true,
            new Regex(@"\G(?:(?:password|passwd|pwd|secret|apikey|key|token)(?:[_-][A-Za-z0-9]{1,20}){0,2}[""']?\s*[:=]\s*[""']?(?<secret>[A-Za-z0-9+/_~.!@#%^&*=-]{16,256})|bearer\s+(?<secret>[A-Za-z0-9+/_~.=-]{20,256}))", AnyCase),
            (text, m, value) => StartsAWord(text, m.Index) && !NamesAnId(text, m.Index) && LooksLikeAssignedSecret(value)),
    };

    /// <summary>The credentials in <paramref name="text"/>, in order, none overlapping: where each starts, its length and its kind.</summary>
    public static IReadOnlyList<(int Index, int Length, string Kind)> Find(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Array.Empty<(int, int, string)>();
        }

        List<(int Index, int Length, string Kind)>? found = null;
        // Case-insensitive anchors are searched for in a lower-case copy with ordinal (vectorized) searches: one pass to
        // lower the text is cheaper than a case-insensitive search per anchor. The invariant mapping keeps every index.
        var lower = text.ToLowerInvariant();
        foreach (var shape in All)
        {
            var searched = shape.AnchorsIgnoreCase ? lower : text;
            if (!HasAnchor(searched, shape))
            {
                continue;
            }

            foreach (var m in Matches(text, searched, shape))
            {
                var secret = m.Groups["secret"];
                var (index, length) = secret.Success ? (secret.Index, secret.Length) : (m.Index, m.Length);
                var value = text.Substring(index, length);
                if (Array.IndexOf(shape.Examples, value) >= 0 || Array.IndexOf(shape.Examples, m.Value) >= 0 || IsPlaceholder(value)
                    || (shape.Validate is not null && !shape.Validate(text, m, value)))
                {
                    continue;
                }

                found ??= new List<(int, int, string)>();
                // Kept sorted by start: an earlier (more specific) family keeps a span a later one also matches.
                var at = Insertion(found, index);
                var overlaps = (at > 0 && found[at - 1].Index + found[at - 1].Length > index) || (at < found.Count && index + length > found[at].Index);
                if (!overlaps)
                {
                    found.Insert(at, (index, length, shape.Kind));
                }
            }
        }

        return found ?? (IReadOnlyList<(int, int, string)>)Array.Empty<(int, int, string)>();
    }

    private static IEnumerable<Match> Matches(string text, string searched, Shape shape)
    {
        if (!shape.AtAnchors)
        {
            for (var m = shape.Pattern.Match(text); m.Success; m = m.NextMatch())
            {
                yield return m;
            }

            yield break;
        }

        foreach (var anchor in shape.Anchors)
        {
            for (var at = searched.IndexOf(anchor, StringComparison.Ordinal); at >= 0; at = at + 1 < searched.Length ? searched.IndexOf(anchor, at + 1, StringComparison.Ordinal) : -1)
            {
                var m = shape.Pattern.Match(text, at);
                if (m.Success)
                {
                    yield return m;
                }
            }
        }
    }

    // A name's word starts here: after a non-letter ("api_key", "OPENAI_API_KEY") or at a camel-case hump ("apiKey").
    private static bool StartsAWord(string text, int index)
        => index == 0 || !char.IsLetter(text[index - 1]) || (char.IsUpper(text[index]) && char.IsLower(text[index - 1]));

    /// <summary>True when <paramref name="text"/> holds a credential.</summary>
    public static bool Any(string text) => Find(text).Count > 0;

    /// <summary><paramref name="text"/> with each credential replaced by <c>[REDACTED kind]</c>; the kinds replaced, in order.</summary>
    public static string Redact(string text, out IReadOnlyList<string> kinds)
    {
        var found = Find(text);
        if (found.Count == 0)
        {
            kinds = Array.Empty<string>();
            return text;
        }

        var names = new List<string>(found.Count);
        var builder = new System.Text.StringBuilder(text.Length);
        var last = 0;
        foreach (var (index, length, kind) in found)
        {
            builder.Append(text, last, index - last).Append("[REDACTED ").Append(kind).Append(']');
            last = index + length;
            names.Add(kind);
        }

        builder.Append(text, last, text.Length - last);
        kinds = names;
        return builder.ToString();
    }

    private static bool HasAnchor(string searched, Shape shape)
    {
        foreach (var anchor in shape.Anchors)
        {
            if (searched.IndexOf(anchor, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int Insertion(List<(int Index, int Length, string Kind)> found, int index)
    {
        int lo = 0, hi = found.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (found[mid].Index < index)
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
