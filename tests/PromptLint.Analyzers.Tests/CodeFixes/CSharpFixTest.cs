using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>A code-fix test of a C# fix against the analyzer, with the SDK assemblies the prompts are sent through.</summary>
internal static class CSharpFixTest
{
    public static CSharpCodeFixTest<PromptFootprintAnalyzer, TFix, DefaultVerifier> Create<TFix>(string source, string fixedSource)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<PromptFootprintAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Wrap(source),
            FixedCode = Wrap(fixedSource),
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            MarkupOptions = MarkupOptions.UseFirstDescriptor, // a rule with two messages has two descriptors of one id
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var prefixes = new[] { "Microsoft.Extensions.AI", "System.Memory.Data", "Microsoft.Bcl.AsyncInterfaces" };
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => prefixes.Any(prefix => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal))))
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(path));
        }

        return test;
    }

    /// <summary>A capped call sending <paramref name="text"/> as the system message, so only the rule under test reports.</summary>
    public static string Send(string name, string text)
        => $"    public Task {name}(string q) => client.GetResponseAsync([new ChatMessage(ChatRole.System, {text}), new ChatMessage(ChatRole.User, q)], new ChatOptions {{ MaxOutputTokens = 500 }});";

    /// <summary>The members in a class with an <c>IChatClient</c>.</summary>
    public static string Wrap(string members) => $$"""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public class Support(IChatClient client)
        {
        {{members}}
        }
        """;
}
