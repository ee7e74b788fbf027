using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>Shapes real applications write that were measured only in part (issue 33, item 4).</summary>
public class PartialShapeTests
{
    [Fact]
    public async Task StringFormatOverReadonlyFieldTemplate_FoldsTheTemplate()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Translator(IChatClient client)
            {
                private readonly string _template = "Translate the following text into {0}. Keep the formatting.\n\n{1}";

                public Task<ChatResponse> TranslateAsync(string language, string text)
                    => client.GetResponseAsync(string.Format(_template, language, text));
            }
            """);
        var tokens = Tokens("Translate the following text into ", ". Keep the formatting.\n\n");
        test.ExpectedDiagnostics.Add(Measured(9, 36, "Translator.TranslateAsync#1", tokens, Tokens("Translate the following text into "), 2));
        await test.RunAsync();
    }
}
