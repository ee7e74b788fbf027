using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PromptLint.Tests.Credentials;

/// <summary>
/// Realistic fake credentials, one per family of the credential table, and a near miss of each that must stay silent.
/// Every value is built at run time from a seeded generator (made up here, never a real key), so no
/// credential-shaped literal sits in the repository for a scanner to flag.
/// </summary>
internal static class FakeCredentials
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Hex = "0123456789abcdef";
    private const string Base64Url = Alnum + "-_";

    /// <summary>Random characters of <paramref name="alphabet"/>; the same for the same seed on every run.</summary>
    public static string Chars(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    public static string Base64Bytes(int bytes, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToBase64String(buffer);
    }

    private static string B64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string PemBody(int seed) => string.Join("\n", Enumerable.Range(0, 6).Select(i => Base64Bytes(48, seed + i)));

    /// <summary>(kind, text holding a fake credential of it, the credential's exact span, text with a near miss that stays silent).</summary>
    public static IEnumerable<(string Kind, string Text, string Secret, string NearMiss)> All()
    {
        var pem = "-----BEGIN " + "PRIVATE KEY-----\\n" + PemBody(1).Replace("\n", "\\n") + "\\n-----END PRIVATE KEY-----\\n";
        yield return ("GCP service account key",
            "{\"type\": \"service_account\", \"project_id\": \"contoso-ml\", \"private_key\": \"" + pem + "\", \"client_email\": \"bot@contoso-ml.iam.gserviceaccount.com\"}",
            pem,
            "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN " + "PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"}");

        var rsa = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + PemBody(2) + "\n-----END RSA PRIVATE KEY-----";
        yield return ("PEM private key", "Sign requests with this key:\n" + rsa + "\nThen call the API.", rsa,
            "A key file starts with -----BEGIN RSA " + "PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----");

        var accountKey = Base64Bytes(64, 3);
        yield return ("Azure Storage account key", "DefaultEndpointsProtocol=https;AccountName=contosodocs;AccountKey=" + accountKey + ";EndpointSuffix=core.windows.net", accountKey,
            "Use UseDevelopmentStorage=true locally, or AccountName=devstoreaccount1;AccountKey=<account-key> in the portal's format.");

        var sig = Uri.EscapeDataString(Base64Bytes(32, 4));
        yield return ("Azure SAS token", "Download https://contosodocs.blob.core.windows.net/reports/q3.pdf?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-03-01T00:00:00Z&spr=https&sig=" + sig + " and summarize it.", sig,
            "Download https://contosodocs.blob.core.windows.net/reports/q3.pdf?sv=2022-11-02&sp=r&sig=" + Uri.EscapeDataString(Base64Bytes(20, 4)) + " and summarize it.");

        var sasKey = Base64Bytes(32, 5);
        yield return ("Azure shared access key (Service Bus, Event Hubs, IoT Hub, Relay)", "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + sasKey, sasKey,
            "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<your-key>");

        var redisKey = Base64Bytes(32, 6);
        yield return ("Azure Cache for Redis key", "Cache: contoso.redis.cache.windows.net:6380,password=" + redisKey + ",ssl=True,abortConnect=False", redisKey,
            "Cache: contoso.redis.cache.windows.net:6380,password={{redisKey}},ssl=True,abortConnect=False");

        var azureKey = Chars(Hex, 32, 7);
        yield return ("Azure OpenAI or Azure AI services key", "POST https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions with header api-key: " + azureKey, azureKey,
            "The deployment was built from commit " + Chars(Hex, 32, 7) + " and the header is api-key: $AZURE_OPENAI_API_KEY.");

        yield return ("Connection string password", "Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password=Qm7#vL2p!xR9;Encrypt=True;", "Qm7#vL2p!xR9",
            "Server=localhost,1433;Database=orders;User Id=sa;Password=<YourStrong@Passw0rd>;TrustServerCertificate=True;");

        yield return ("Database URI password", "Query the replica at postgres://orders_ro:Vt8kQ2mZx4wP@db-replica.contoso.internal:5432/orders for totals.", "Vt8kQ2mZx4wP",
            "Run it locally against postgres://postgres:postgres@localhost:5432/app first.");

        var jwt = B64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64Url("{\"sub\":\"" + Chars(Alnum, 12, 8) + "\",\"iat\":1767225600,\"role\":\"admin\"}") + "." + Chars(Base64Url, 43, 9);
        yield return ("JWT", "Send Authorization: Bearer " + jwt + " with each request.", jwt,
            "A JWT looks like " + B64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64Url("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}") + "." + Chars(Base64Url, 43, 9) + " (jwt.io's example).");

        var random = Chars(Alnum, 30, 10);
        var classic = "gh" + "p_" + random + PromptLint.Credentials.CredentialShapes.Crc32Base62(random);
        yield return ("GitHub token", "Call the GitHub API with " + classic + " to read build status.", classic,
            "Tokens start with gh" + "p_ and look like gh" + "p_abcdefghijklmnopqrstuvwxyz0123456789.");

        var fineGrained = "github_" + "pat_" + Chars(UpperAlnum, 22, 11) + "_" + Chars(Alnum, 59, 12);
        yield return ("GitHub fine-grained token", "Use " + fineGrained + " for the repository API.", fineGrained,
            "Use github_" + "pat_" + new string('x', 82) + " for the repository API.");

        var gitlab = "gl" + "pat-" + Chars(Base64Url, 20, 13);
        yield return ("GitLab token", "GitLab token: " + gitlab, gitlab, "GitLab tokens start with gl" + "pat- and are issued in the user settings.");

        var webhook = "T" + Chars(UpperAlnum, 8, 14) + "/B" + Chars(UpperAlnum, 10, 15) + "/" + Chars(Alnum, 24, 16);
        yield return ("Slack webhook", "Post the summary to https://hooks.slack.com/services/" + webhook, webhook,
            "Post the summary to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");

        var slack = "xo" + "xb-" + Chars("0123456789", 12, 17) + "-" + Chars("0123456789", 13, 18) + "-" + Chars(Alnum, 24, 19);
        yield return ("Slack token", "Bot token: " + slack, slack, "Bot tokens start with xo" + "xb- and user tokens with xo" + "xp-.");

        var aws = "AK" + "IA" + Chars(UpperAlnum, 16, 20);
        yield return ("AWS access key", "aws_access_key_id = " + aws, aws, "aws_access_key_id = AK" + "IAIOSFODNN7EXAMPLE");

        var anthropic = "sk-" + "ant-api03-" + Chars(Base64Url, 93, 21) + "AA";
        yield return ("Anthropic API key", "x-api-key: " + anthropic, anthropic, "x-api-key: sk-" + "ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

        var openAi = "sk-" + "proj-" + Chars(Base64Url, 48, 22);
        yield return ("OpenAI API key", "OPENAI_API_KEY=" + openAi, openAi, "OPENAI_API_KEY=sk-" + "proj-your-key-goes-here-0000000000000000");

        var npmRandom = Chars(Alnum, 30, 23);
        var npm = "np" + "m_" + npmRandom + PromptLint.Credentials.CredentialShapes.Crc32Base62(npmRandom);
        yield return ("npm token", "//registry.npmjs.org/:_authToken=" + npm, npm, "//registry.npmjs.org/:_authToken=${NPM_TOKEN}");

        var stripe = "sk" + "_live_" + Chars(Alnum, 24, 24);
        yield return ("Stripe secret key", "Stripe key: " + stripe, stripe, "Stripe's docs use sk" + "_test_" + "4eC39HqLyjWDarjtT1zdp7dc in their examples.");

        var google = "AI" + "za" + Chars(Base64Url, 35, 25);
        yield return ("Google API key", "key=" + google, google, "Google API keys start with AI" + "za.");

        var hf = "h" + "f_" + Chars(Letters, 34, 26);
        yield return ("Hugging Face token", "HF_TOKEN=" + hf, hf, "HF_TOKEN=h" + "f_" + new string('x', 34));

        var sendGrid = "S" + "G." + Chars(Base64Url, 22, 27) + "." + Chars(Base64Url, 43, 28);
        yield return ("SendGrid API key", "SENDGRID_API_KEY=" + sendGrid, sendGrid, "SENDGRID_API_KEY=S" + "G.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

        var aad = Chars(Alnum, 3, 29) + "8" + "Q~" + Chars(Alnum + "_~.-", 34, 30);
        yield return ("Azure AD client secret", "ClientSecret: " + aad, aad, "ClientSecret: abc8" + "Q~" + new string('x', 34));

        var pypi = "py" + "pi-AgEIcHlwaS5vcmc" + Chars(Base64Url, 120, 31);
        yield return ("PyPI token", "password = " + pypi, pypi, "password = py" + "pi-AgEIcHlwaS5vcmc...");

        var docker = "dc" + "kr_pat_" + Chars(Base64Url, 27, 32);
        yield return ("Docker Hub token", "docker login -u contoso -p " + docker, docker, "docker login -u contoso -p dc" + "kr_pat_<token>");

        var twilio = "S" + "K" + Chars(Hex, 32, 33);
        yield return ("Twilio credential", "Twilio API key " + twilio, twilio, "TWILIO_AUTH_TOKEN=your_auth_token");

        var mailgun = "ke" + "y-" + Chars(Hex + "ghijklmnopqrstuvwxyz", 32, 34);
        yield return ("Mailgun API key", "Mailgun: api:" + mailgun, mailgun, "Mailgun's docs show api:ke" + "y-" + "3ax6xnjp29jd6fds4gc373sgvjxteol0.");

        var assigned = Chars(Alnum + "!@#^&*", 24, 35);
        yield return ("Secret assignment", "client_secret = \"" + assigned + "\"", assigned,
            "api_key = OPENAI_API_KEY; password: process.env.DB_PASSWORD; token: 128000 tokens; secret = \"correct-horse-battery-staple\"");
    }
}
