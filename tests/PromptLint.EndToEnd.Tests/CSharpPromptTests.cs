using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using SharpToken;

namespace PromptLint.EndToEnd.Tests;

/// <summary>Prompts kept in C# code, through the packed package and a real Microsoft.Extensions.AI reference.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class CSharpPromptTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private const string SystemPrompt =
        "You are Contoso's support assistant.\n" +
        "Answer questions about orders, shipping and returns in at most three sentences.\n" +
        "If you do not know the answer, say so and offer to open a ticket.";

    private const string Growth =
        "\nAlways greet the customer by name and close with a friendly sign-off.\n" +
        "When an order is late, apologise once and give the new delivery estimate with the tracking link.";

    private readonly PackageFeed _feed;

    public CSharpPromptTests(PackageFeed feed) => _feed = feed;

    private static string PromptsFile(string text) => "namespace Contoso.Support;\n\npublic static class Prompts\n{\n    public const string System = \"\"\"\n        "
        + text.Replace("\n", "\n        ") + "\n        \"\"\";\n\n    [PromptLint.Prompt(\"support.faq\")]\n    public static readonly string Faq = \"Answer from the FAQ only.\";\n}\n";

    private const string ServiceFile = """
        using Microsoft.Extensions.AI;

        namespace Contoso.Support;

        public sealed class SupportService(IChatClient client)
        {
            public async Task<string> AnswerAsync(string question)
            {
                List<ChatMessage> messages =
                [
                    new(ChatRole.System, Prompts.System),
                    new(ChatRole.User, question),
                ];
                var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 400 });
                return response.Text;
            }
        }
        """;

    [Fact]
    public void ConstSystemPrompt_IsBaselinedUnderItsMemberId_AndGrowthFailsAtTheConstant()
    {
        var consumer = _feed.NewConsumer("Contoso.Support");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        consumer.Write("Prompts.cs", PromptsFile(SystemPrompt));
        consumer.Write("SupportService.cs", ServiceFile);

        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());

        var entries = JsonDocument.Parse(File.ReadAllText(consumer.BaselinePath)).RootElement.GetProperty("prompts").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("staticTokens").GetInt32());
        Assert.Equal(O200k.CountTokens(SystemPrompt), entries["Contoso.Support.Prompts.System"]);
        Assert.Equal(O200k.CountTokens("Answer from the FAQ only."), entries["support.faq"]);

        var report = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == "Contoso.Support.Prompts.System");
        Assert.Equal("Prompts.cs", report.GetProperty("file").GetString());
        Assert.Equal(5, report.GetProperty("line").GetInt32());
        Assert.Equal(400, report.GetProperty("outputCap").GetInt32());
        Assert.Equal(1, report.GetProperty("holes").GetInt32());

        // The [Prompt] attribute the package adds leaves no reference to PromptLint in the user's assembly.
        using (var pe = new PEReader(File.OpenRead(Path.Combine(consumer.Directory, "bin", "Debug", "net10.0", "Contoso.Support.dll"))))
        {
            var metadata = pe.GetMetadataReader();
            Assert.DoesNotContain(metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)), n => n.StartsWith("PromptLint", StringComparison.Ordinal));
        }

        consumer.Write("Prompts.cs", PromptsFile(SystemPrompt + Growth));
        var failed = consumer.Build();

        Assert.NotEqual(0, failed.ExitCode);
        var regression = Assert.Single(Consumer.Diagnostics(failed, "PL0001"));
        Assert.EndsWith("Prompts.cs", regression.Groups["file"].Value);
        Assert.Equal("5", regression.Groups["line"].Value);
        Assert.Contains($"Prompt 'Contoso.Support.Prompts.System' grew from {O200k.CountTokens(SystemPrompt):N0} to {O200k.CountTokens(SystemPrompt + Growth):N0} tokens", regression.Groups["message"].Value);
    }

    [Fact]
    public void PromptBuilderWithATimestampFirst_IsMeasuredWithItsText_AndReportedAsVolatile()
    {
        // Issue 14: a prompt built by a helper method was 0 static tokens, so its size and the time stamp at its start were missed.
        // Since issue 29 PL0005 speaks only when the static text after the time stamp is large enough to be cached, so the
        // policy is long: 120 distinct rules, well over OpenAI's 1,024-token minimum.
        var policy = "Answer questions about invoices. " + string.Join(" ", Enumerable.Range(1, 120).Select(i => $"Rule {i}: quote invoice batch {i} by its number and never promise a refund for batch {i}."));
        var consumer = _feed.NewConsumer("Contoso.Builders");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        consumer.Write("Assistant.cs", $$"""
            using Microsoft.Extensions.AI;

            namespace Contoso.Builders;

            public sealed class Assistant(IChatClient client)
            {
                private const string Policy = "{{policy}}";

                public Task<ChatResponse> AskAsync(string customer, string question)
                    => client.GetResponseAsync([new(ChatRole.System, BuildSystemPrompt(customer)), new(ChatRole.User, question)], new ChatOptions { MaxOutputTokens = 300 });

                private static string BuildSystemPrompt(string customer) => $"Now: {DateTime.UtcNow:O}. Customer: {customer}. " + Policy;
            }
            """);

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Consumer.Diagnostics(result, "PL0005"), m => Path.GetFileName(m.Groups["file"].Value) == "Assistant.cs" && m.Groups["line"].Value == "10");

        var prompt = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == "Contoso.Builders.Assistant.AskAsync#1");
        var expected = O200k.CountTokens("Now: ") + O200k.CountTokens(". Customer: ") + O200k.CountTokens(". " + policy);
        Assert.Equal(expected, prompt.GetProperty("staticTokens").GetInt32());
        Assert.Equal(3, prompt.GetProperty("holes").GetInt32());
    }
}
