using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.CodeFixes;

namespace PromptLint.Analyzers.Tests.CodeFixes;

public class AddOutputCapFixTests
{
    private static CSharpCodeFixTest<PromptFootprintAnalyzer, AddOutputCapFix, DefaultVerifier> Test(string source, string fixedSource, string? defaultCap = null)
    {
        var test = new CSharpCodeFixTest<PromptFootprintAnalyzer, AddOutputCapFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            MarkupOptions = MarkupOptions.UseFirstDescriptor, // a rule with two messages has two descriptors of one id
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var prefixes = new[] { "Microsoft.Extensions.AI", "OpenAI", "System.ClientModel", "System.Memory.Data", "Microsoft.Bcl.AsyncInterfaces" };
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => prefixes.Any(prefix => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal))))
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        if (defaultCap is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\npromptlint.default_max_output_tokens = {defaultCap}\n"));
        }

        return test;
    }

    [Fact]
    public async Task OptionsInitializerWithoutCap_GetsTheCapAdded()
    {
        await Test("""
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, {|PL0003:new ChatCompletionOptions { Temperature = 0.2f }|});
            }
            """, """
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 });
            }
            """).RunAsync();
    }

    [Fact]
    public async Task EmptyOptions_GetAnInitializer()
    {
        await Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q)
                {
                    var options = {|PL0003:new ChatOptions()|};
                    return client.GetResponseAsync(q, options);
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q)
                {
                    var options = new ChatOptions() { MaxOutputTokens = 1024 };
                    return client.GetResponseAsync(q, options);
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task CallWithoutOptions_GetsNewOptionsWithTheConfiguredDefault()
    {
        await Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q) => {|PL0003:client.GetResponseAsync(q)|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task Go(string q) => client.GetResponseAsync(q, options: new ChatOptions { MaxOutputTokens = 256 });
            }
            """, defaultCap: "256").RunAsync();
    }

    [Fact]
    public async Task FixAll_CapsEveryCallOfTheDocument()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task A(string q) => {|PL0003:client.GetResponseAsync(q)|};
                public Task B(string q) => {|PL0003:client.GetResponseAsync("Summarize: " + q)|};
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client)
            {
                public Task A(string q) => client.GetResponseAsync(q, options: new ChatOptions { MaxOutputTokens = 1024 });
                public Task B(string q) => client.GetResponseAsync("Summarize: " + q, options: new ChatOptions { MaxOutputTokens = 1024 });
            }
            """);
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }
}

/// <summary>The PL0003 fix on a prompt file, as the IDE runs it on an additional document.</summary>
public class AddOutputCapToPromptFileTests
{
    [Fact]
    public async Task UncappedPrompty_GetsMaxTokensInItsFrontMatter_KeepingComments()
    {
        const string before = "---\nname: Triage # reviewed weekly\nmodel:\n  configuration:\n    name: gpt-4o-mini\n---\nsystem:\nClassify the ticket.\n";
        const string after = "---\nname: Triage # reviewed weekly\nmodel:\n  configuration:\n    name: gpt-4o-mini\n  parameters:\n    max_tokens: 300\n---\nsystem:\nClassify the ticket.\n";

        var (_, fixes) = await PromptFileFixHarness.FixesAsync(new PromptLint.CodeFixes.AddOutputCapFix(), "PL0003", "triage.prompty", before, new() { ["promptlint.default_max_output_tokens"] = "300" });

        var fix = Assert.Single(fixes);
        Assert.Equal("Cap output at 300 tokens in the prompt file", fix.Title);
        Assert.Equal(after, fix.FixedText);
    }

    [Fact]
    public async Task FixAllInProject_CapsEveryPromptFile_InItsOwnSpelling()
    {
        var files = new Dictionary<string, string>
        {
            ["triage.prompty"] = "---\nname: Triage\nmodel:\n  configuration:\n    name: gpt-4o-mini\n---\nsystem:\nClassify the ticket.\n",
            ["summary.prompt.yml"] = "model: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: Summarize the thread.\n",
            ["capped.prompty"] = "---\nname: Capped\nmodel:\n  parameters:\n    max_tokens: 50\n---\nsystem:\nSay hi.\n",
        };

        var fixedFiles = await PromptFileFixHarness.FixAllAsync(new PromptLint.CodeFixes.AddOutputCapFix(), "PL0003", files);

        Assert.Equal("---\nname: Triage\nmodel:\n  configuration:\n    name: gpt-4o-mini\n  parameters:\n    max_tokens: 1024\n---\nsystem:\nClassify the ticket.\n", fixedFiles["triage.prompty"]);
        Assert.Equal("model: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: Summarize the thread.\nmodelParameters:\n  maxTokens: 1024\n", fixedFiles["summary.prompt.yml"]);
        Assert.Equal(files["capped.prompty"], fixedFiles["capped.prompty"]);
    }
}
