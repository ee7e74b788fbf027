using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.CodeFixes;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>The PL0004 fix: the static part of a concatenation moves before the dynamic part.</summary>
public class MoveStaticTextFirstFixTests
{
    private static readonly string Policy = string.Concat(Enumerable.Range(1, 80).Select(i => $"Rule {i}: follow the refund policy exactly and cite the section of every rule you apply. "));

    [Fact]
    public async Task TimestampPlusConstantPolicy_PutsThePolicyFirst()
    {
        string Source(string system) => $$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                private const string Policy = "{{Policy}}";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, {{system}}), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<PromptFootprintAnalyzer, PromptLint.CodeFixes.MoveStaticTextFirstFix, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = Source("{|PL0004:{|PL0005:$\"Current time: {DateTime.UtcNow:O}. \" + Policy|}|}"),
            FixedCode = Source("{|PL0005:Policy + \"\\n\" + $\"Current time: {DateTime.UtcNow:O}. \"|}"),
            ReferenceAssemblies = new Microsoft.CodeAnalysis.Testing.ReferenceAssemblies("net10.0"),
            MarkupOptions = Microsoft.CodeAnalysis.Testing.MarkupOptions.UseFirstDescriptor,
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll"))
        {
            test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(path));
        }

        // After the fix the policy is cacheable (no PL0004); the timestamp is still in the system message, which PL0005
        // keeps pointing out: its page says to move it into the user message.
        await test.RunAsync();
    }
}
