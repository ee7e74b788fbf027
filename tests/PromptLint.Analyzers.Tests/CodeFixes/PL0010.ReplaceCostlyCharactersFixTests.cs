using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.CodeFixes;
using PromptLint.Contracts.Pricing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>PL0010's fix: every literal style keeps its escaping, the saving is the one the message promised, and no fix is offered where it could not be exact.</summary>
public class ReplaceCostlyCharactersFixTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private static CSharpCodeFixTest<PromptFootprintAnalyzer, ReplaceCostlyCharactersFix, DefaultVerifier> Test(string source, string fixedSource)
        => CSharpFixTest.Create<ReplaceCostlyCharactersFix>(source, fixedSource);

    private static string Send(string name, string text) => CSharpFixTest.Send(name, text);

    [Fact]
    public async Task RegularLiteral_CharactersAndEscapesBecomeAscii_AndTheCountDropsByThePromisedSaving()
    {
        const string before = "You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026 Say \u201Cno\u201D.";
        const string after = "You are \"Contoso Support\". Don't guess... Say \"no\".";
        var saved = O200k.CountTokens(before) - O200k.CountTokens(after);
        Assert.True(saved > 0);

        var test = Test(
            Send("Ask", "{|#0:\"You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026 Say \\u201Cno\\u201D.\"|}"),
            Send("Ask", "\"You are \\\"Contoso Support\\\". Don't guess... Say \\\"no\\\".\""));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0010", DiagnosticSeverity.Info).WithLocation(0).WithMessage(
            $"Prompt 'Support.Ask#1' has 8 typographic or invisible characters in its static text (curly quote, ellipsis, non-breaking space, zero-width space) that cost {saved} more token{(saved == 1 ? "" : "s")} per call than their ASCII form ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Use plain ASCII quotes, dashes and spaces, and delete invisible characters."));
        await test.RunAsync();
    }

    [Fact]
    public async Task VerbatimAndInterpolatedStrings_KeepTheirEscaping_AndFixAllCoversTheDocument()
    {
        await Test(
            Send("Verbatim", "{|PL0010:@\"Reply \u201Cyes\u201D or \u201Cno\u201D\u200B\u200B\u2026\"|}") + "\n" +
            Send("Interpolated", "{|PL0010:$\"Quote the customer \u201C{q}\u201D exactly\u200B\u200B\u2026 {{not a hole}}\"|}") + "\n" +
            Send("VerbatimInterpolated", "{|PL0010:$@\"Name: \u201C{q}\u201D\u200B\u200B\u2026\"|}"),
            Send("Verbatim", "@\"Reply \"\"yes\"\" or \"\"no\"\"...\"") + "\n" +
            Send("Interpolated", "$\"Quote the customer \\\"{q}\\\" exactly... {{not a hole}}\"") + "\n" +
            Send("VerbatimInterpolated", "$@\"Name: \"\"{q}\"\"...\"")).RunAsync();
    }

    [Fact]
    public async Task RawString_IsRewrittenInPlace()
    {
        await Test(
            Send("Raw", "{|PL0010:\"\"\"Reply \u201Cyes\u201D or \u201Cno\u201D, nothing else\u200B\u200B\u2026\"\"\"|}"),
            Send("Raw", "\"\"\"Reply \"yes\" or \"no\", nothing else...\"\"\"")).RunAsync();
    }

    [Fact]
    public async Task PromptAttributeConst_IsFixedAtItsDeclaration()
    {
        const string attribute = "    [System.AttributeUsage(System.AttributeTargets.All)] internal sealed class PromptAttribute(string id) : System.Attribute { }\n";
        await Test(
            attribute + "    [Prompt(\"triage\")] private const string {|PL0010:Triage|} = \"Classify the ticket as \u201Cbug\u201D or \u201Cquestion\u201D\u200B\u200B\u2026\";",
            attribute + "    [Prompt(\"triage\")] private const string Triage = \"Classify the ticket as \\\"bug\\\" or \\\"question\\\"...\";").RunAsync();
    }

    [Fact]
    public async Task RawStringWhoseClosingQuotesWouldMerge_GetsNoFix()
    {
        var source = Send("Raw", "{|PL0010:\"\"\"Reply with the word \u201Cyes\u201D\u200B\u200B\u2026 or \u201Cno\u201D\"\"\"|}");
        var test = Test(source, source);
        await test.RunAsync();
    }

    [Fact]
    public async Task CharactersOutsideTheDiagnosedText_GetNoFix()
    {
        // The user message's constant part is in another literal than the diagnosed first message: a fix there would
        // save less than the message says, so none is offered.
        var source = "    public Task Ask(string q) => client.GetResponseAsync([new ChatMessage(ChatRole.System, {|PL0010:\"Be brief\u200B\u200B\u2026\"|}), new ChatMessage(ChatRole.User, \"Question\u00A0\u2026 \" + q)], new ChatOptions { MaxOutputTokens = 500 });";
        await Test(source, source).RunAsync();
    }

    [Fact]
    public async Task CharactersInAStringInsideAnInterpolationHole_GetNoFix()
    {
        var source = Send("Nested", "{|PL0010:$\"Quote \u201C{q}\u201D\u2026 {$\"then \u201C{q}\u201D\u200B\u200B\u2026\"}\"|}");
        await Test(source, source).RunAsync();
    }
}
