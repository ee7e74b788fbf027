using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.CodeFixes;
using PromptLint.Contracts.Pricing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>
/// PL0011 and PL0012 fixed in C# literals of every style; each fix is offered only when the rewritten literals save
/// what the message promised, which the tests recount with an independent tokenizer.
/// </summary>
public class TidyPromptLiteralFixTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private const string PrettyExample = "{\n  \"label\": \"billing\",\n  \"confidence\": 0.92,\n  \"reasons\": [\n    \"mentions an invoice\",\n    \"asks for a refund\"\n  ]\n}";
    private const string MinifiedExample = "{\"label\":\"billing\",\"confidence\":0.92,\"reasons\":[\"mentions an invoice\",\"asks for a refund\"]}";

    private static int Saved(string before, string after) => O200k.CountTokens(before) - O200k.CountTokens(after);

    [Fact]
    public async Task RegularLiteral_WhitespaceCollapsed_CountDropsByThePromisedSaving()
    {
        const string before = "Answer billing questions.   \n\n\n\n\nBe brief.\t\t\nCite the policy.";
        const string after = "Answer billing questions.\n\nBe brief.\nCite the policy.";
        var saved = Saved(before, after);
        Assert.True(saved >= 2);

        var test = CSharpFixTest.Create<TidyPromptLiteralFix>(
            CSharpFixTest.Send("Ask", "{|#0:\"Answer billing questions.   \\n\\n\\n\\n\\nBe brief.\\t\\t\\nCite the policy.\"|}"),
            CSharpFixTest.Send("Ask", "\"Answer billing questions.\\n\\nBe brief.\\nCite the policy.\""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0011", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            $"Prompt 'Support.Ask#1' has 2 lines ending in spaces or tabs and 1 run of blank lines in its static text, which cost {saved} tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Delete trailing whitespace and keep at most one blank line between paragraphs."));
        await test.RunAsync();
    }

    [Fact]
    public async Task RawStringWithPrettyJson_IsMinifiedInPlace_KeepingIndentation()
    {
        var indented = string.Join("\n", PrettyExample.Split('\n').Select(l => "        " + l));
        var source = CSharpFixTest.Send("Classify", "{|PL0012:\"\"\"\n        Classify the message. Reply with JSON like:\n" + indented + "\n        Nothing else.\n        \"\"\"|}");
        var fixedSource = CSharpFixTest.Send("Classify", "\"\"\"\n        Classify the message. Reply with JSON like:\n        " + MinifiedExample + "\n        Nothing else.\n        \"\"\"");
        Assert.True(Saved(PrettyExample, MinifiedExample) >= 10);

        await CSharpFixTest.Create<TidyPromptLiteralFix>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task VerbatimAndInterpolatedStrings_KeepTheirEscapingAndHoles()
    {
        var verbatim = PrettyExample.Replace("\"", "\"\"");
        var interpolated = PrettyExample.Replace("\"", "\\\"").Replace("\n", "\\n").Replace("{", "{{").Replace("}", "}}");
        var source =
            CSharpFixTest.Send("Verbatim", "{|PL0012:@\"Reply like:\n" + verbatim + "\"|}") + "\n" +
            CSharpFixTest.Send("Interpolated", "{|PL0012:$\"Reply like:\\n" + interpolated + "\\nQuestion: {q}\"|}");
        var fixedSource =
            CSharpFixTest.Send("Verbatim", "@\"Reply like:\n" + MinifiedExample.Replace("\"", "\"\"") + "\"") + "\n" +
            CSharpFixTest.Send("Interpolated", "$\"Reply like:\\n" + MinifiedExample.Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}") + "\\nQuestion: {q}\"");

        await CSharpFixTest.Create<TidyPromptLiteralFix>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task RawInterpolatedString_JsonBracesAreText_MinifiedAroundTheHole()
    {
        // "$$" is the testing library's caret marker, so this source is written without markup.
        const string prefix = "    public Task Raw(string q) => client.GetResponseAsync([new ChatMessage(ChatRole.System, ";
        var literal = "$$\"\"\"\n        Reply like:\n" + string.Join("\n", PrettyExample.Split('\n').Select(l => "        " + l)) + "\n        Question: {{q}}\n        \"\"\"";
        const string suffix = "), new ChatMessage(ChatRole.User, q)], new ChatOptions { MaxOutputTokens = 500 });";
        var test = CSharpFixTest.Create<TidyPromptLiteralFix>(
            prefix + literal + suffix,
            prefix + "$$\"\"\"\n        Reply like:\n        " + MinifiedExample + "\n        Question: {{q}}\n        \"\"\"" + suffix);
        test.TestState.MarkupHandling = MarkupMode.None;
        test.FixedState.MarkupHandling = MarkupMode.None;
        var lines = literal.Split('\n');
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0012", DiagnosticSeverity.Info).WithSpan("/0/Test0.cs", 6, prefix.Length + 1, 6 + lines.Length - 1, lines[^1].Length + 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task WasteAlsoInAnotherMessage_GetsNoFix_BecauseItWouldSaveLessThanPromised()
    {
        var source = "    public Task Ask(string q) => client.GetResponseAsync([new ChatMessage(ChatRole.System, {|PL0011:\"Be brief.   \\n\\n\\n\\nCite the policy.\"|}), new ChatMessage(ChatRole.User, \"Question:   \\n\\n\\n\\n\" + q)], new ChatOptions { MaxOutputTokens = 500 });";

        await CSharpFixTest.Create<TidyPromptLiteralFix>(source, source).RunAsync();
    }
}
