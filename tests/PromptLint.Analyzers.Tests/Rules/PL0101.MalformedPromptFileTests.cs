using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0101: a prompt file, or a part of it, that cannot be read.</summary>
public sealed class MalformedPromptFileTests
{
    [Fact]
    public async Task MalformedPrompty_ReportsPL0101AtTheYamlError()
    {
        const string broken = "---\nname: Broken\nmodel:\n  parameters:\n    max_tokens: [oops\n---\nsystem:\nHello\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("broken.prompty", broken);

        // No arguments: the YAML library's wording is not ours to pin, the id and the line are.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/broken.prompty", 6, 1, 6, 4));
        await test.RunAsync();
    }

    // Regression: Semantic Kernel's samples name their prompt YAML "*.prompt.yaml"; read as GitHub Models it was PL0101
    // ("needs a non-empty 'messages' list"). A GitHub Models file of the same name still reads as GitHub Models.
    [Fact]
    public async Task SemanticKernelYamlNamedPromptYaml_ReadsAsSemanticKernel_NoPL0101()
    {
        const string sk = "name: Summarize\ntemplate: |\n  Summarize the text in one paragraph.\n  {{$input}}\ntemplate_format: semantic-kernel\nexecution_settings:\n  default:\n    max_tokens: 200\n";
        const string github = "name: Summarize\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 200\nmessages:\n  - role: user\n    content: \"Summarize {{input}}\"\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/summarize.prompt.yaml", sk)
            .WithFile("Prompts/thread.prompt.yml", github)
            .WithFile("promptlint.baseline.json", Baseline(("Prompts/summarize.prompt.yaml", Tokens("Summarize the text in one paragraph.\n"))), "baseline");

        // Only the GitHub Models file is new to the baseline: the Semantic Kernel one is measured and matches its entry.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0002", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/thread.prompt.yml", 6, 5, 6, 15).WithArguments("Prompts/thread.prompt.yml", "4"));
        await test.RunAsync();
    }

    [Fact]
    public async Task BadMaxTokens_ReportsPL0101AtTheValueAndStillMeasures()
    {
        const string text = "---\nmodel:\n  parameters:\n    max_tokens: lots\n---\nsystem:\nHello there\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("a.prompty", text)
            .WithFile("promptlint.baseline.json", Baseline(("a.prompty", Tokens("Hello there"))), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/a.prompty", 4, 17, 4, 21)
            .WithArguments("a.prompty", "'max_tokens' at line 4 must be a positive whole number"));
        await test.RunAsync();
    }

    [Fact]
    public async Task EmptyAndBinaryFiles_ReportPL0101()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/empty.prompty", "   \n")
            .WithFile("Prompts/blob.txt", "ab\0cd");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/blob.txt", 1, 3, 1, 6).WithArguments("Prompts/blob.txt", "it is not a text file (a NUL character at line 1); PromptLint does not measure binary files"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/empty.prompty", 1, 1, 1, 4).WithArguments("Prompts/empty.prompty", "the prompt file is empty"));
        await test.RunAsync();
    }

    // Regression (issue 30): the compiler decodes an additional file that is not UTF-8 with a code page (Windows-1252 or
    // Latin-1), and the prompt was measured from that text without a word.
    [Fact]
    public async Task PromptTheCompilerDecodedAsLatin1_ReportsPL0101NotUtf8_AndIsNotMeasured()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/fr.txt", Microsoft.CodeAnalysis.Text.SourceText.From("Réponds en français, café.\n", System.Text.Encoding.Latin1));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/fr.txt", 1, 2, 1, 27).WithArguments("Prompts/fr.txt", "it is not UTF-8: the byte 0xE9 at offset 1 (line 1) is not valid UTF-8 (the compiler read it as iso-8859-1); save it as UTF-8. PromptLint does not measure it: the counts would not be those of the text your application sends"));
        await test.RunAsync();
    }

    [Fact]
    public async Task SkPromptWithConfig_UsesCompanionAndReportsItsBadJsonThere()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Plugins/Writer/Story/skprompt.txt", "Write a story about {{$topic}}.")
            .WithFile("Plugins/Writer/Story/config.json", "{\n  \"schema\": 1,\n  \"execution_settings\": {\n    \"default\": { \"max_tokens\": 500, }\n  ,,\n}\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Plugins/Writer/Story/config.json", 5, 4, 5, 5)
            .WithArguments("Plugins/Writer/Story/config.json", "invalid JSON in config.json at line 5"));
        await test.RunAsync();
    }

    [Fact]
    public async Task FileOverTheSizeLimit_ReportsPL0101WithTheLimit_AndTheKeyRaisesIt()
    {
        var text = "You are a support assistant. " + new string('x', 2_000);
        var limited = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithOption("promptlint.max_prompt_file_chars", "1000")
            .WithFile("Prompts/big.md", text);
        limited.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/big.md", 1, 1, 1, 2030)
            .WithArguments("Prompts/big.md", "the file has 2,029 characters, more than the 1,000 PromptLint reads; if it really is one prompt, raise promptlint.max_prompt_file_chars"));
        await limited.RunAsync();

        // Raised, the same file is read and measured (PL0002: new prompt, no baseline entry yet).
        var raised = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithOption("promptlint.max_prompt_file_chars", "5000")
            .WithFile("Prompts/big.md", text)
            .WithFile("promptlint.baseline.json", Baseline(("Prompts/big.md", Tokens(text))), "baseline");
        await raised.RunAsync();
    }

    [Fact]
    public async Task YamlNestedPastTheLimit_ReportsPL0101AtTheLine_AndTheKeyRaisesIt()
    {
        var text = "name: x\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 100\nmessages:\n  - role: system\n    content: Be brief.\nextra: " + new string('[', 70) + new string(']', 70) + "\n";
        var limited = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("p.prompt.yml", text);
        limited.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/p.prompt.yml", 8, 71, 8, 148)
            .WithArguments("p.prompt.yml", "the YAML nests deeper than 64 levels at line 8; PromptLint reads no deeper (raise promptlint.max_nesting_depth if the file needs it)"));
        await limited.RunAsync();

        var raised = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithOption("promptlint.max_nesting_depth", "100")
            .WithFile("p.prompt.yml", text)
            .WithFile("promptlint.baseline.json", Baseline(("p.prompt.yml", Tokens("Be brief."))), "baseline");
        await raised.RunAsync();
    }
}
