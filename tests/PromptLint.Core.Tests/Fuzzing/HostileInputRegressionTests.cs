using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Core.Text;
using PromptLint.Counting.Tokenizers;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Fuzzing;

/// <summary>
/// The failures fuzzing found (issue 17: seven from an outside run, the rest from tests/PromptLint.Fuzzing), each as
/// one small input. Inputs that used to take super-linear time run under a hang guard sized so the old code could not
/// pass it (minutes to hours at these sizes) while the fixed code takes milliseconds: a guard, not a timing assertion.
/// Deep inputs run on a thread with the 1 MB stack of an analyzer thread, where a stack overflow used to end the process.
/// </summary>
public class HostileInputRegressionTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private static readonly TokenizerRegistry Registry = new();

    // --- The baseline reader -------------------------------------------------------------------------------------

    [Fact]
    public void Baseline_IdThatIsAnEscapedLoneSurrogate_IsAProblemOfThatEntry()
    {
        var document = BaselineSerializer.Parse(Baseline(("\\ud800", 10), ("ok.txt", 5)));

        Assert.Single(document.Problems);
        Assert.Equal(4, document.Problems[0].Line);
        Assert.True(document.Entries.ContainsKey("ok.txt"));
    }

    [Fact]
    public void Baseline_CountsThatAddUpPastIntMaxValue_AreSummedIn64Bits()
    {
        var document = BaselineSerializer.Parse(Baseline(Enumerable.Range(0, 22).Select(i => ("p" + i, BaselineEntry.MaxTokens)).Append(("huge", int.MaxValue)).ToArray()));
        var report = new FootprintReport { Project = "p" };
        report.Prompts.AddRange(document.Entries.Values.Select(e => new ReportPrompt { Id = e.Id, File = e.Id, StaticTokens = e.StaticTokens, BaselineStaticTokens = e.StaticTokens, Delta = 0 }));

        var rendered = ReportFiles.Render(report, document, ModelCatalog.Shipped, 10, html: true);

        Assert.Contains(document.Problems, p => p.Message.Contains("100,000,000", StringComparison.Ordinal) || p.Message.Contains("100000000", StringComparison.Ordinal));
        Assert.False(document.Entries.ContainsKey("huge"));
        Assert.Contains("2,200,000,000", rendered.Markdown, StringComparison.Ordinal);
        Assert.Contains("2,200,000,000", ReportFiles.Summary(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_IdOfAMegabyte_IsAProblemOfThatEntry_NotCopiedIntoReports()
    {
        // Found by the fuzzer (baseline #3361, seed 1): a 2,000,000-character id took 3 s through the reports and the messages.
        var document = BaselineSerializer.Parse(Baseline((new string('&', 2_000_000), 10), ("ok.txt", 5)));

        var problem = Assert.Single(document.Problems);
        Assert.Contains("longer than 1,024 characters", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 300);
        Assert.Equal(new[] { "ok.txt" }, document.Entries.Keys);
    }

    // --- Front ends ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(PromptFileKind.GitHubModels, "p.prompt.yml", "messages: ", 1)]
    [InlineData(PromptFileKind.SemanticKernelYaml, "p.yaml", "template: hi\ninput_variables: ", 2)]
    [InlineData(PromptFileKind.Prompty, "p.prompty", "---\ninputs: ", 2)]
    public void DeepYamlFlowNesting_IsPL0101WithTheLimit_NotAStackOverflow(PromptFileKind kind, string path, string head, int line)
    {
        var text = head + new string('[', 100_000) + (kind == PromptFileKind.Prompty ? "\n---\nsystem:\nHi\n" : "\n");

        var result = OnAnalyzerThread(() => PromptFileReader.Read(new PromptFileInput(path, path, text), kind));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("nests deeper than 64 levels", problem.Message, StringComparison.Ordinal);
        Assert.Contains(SettingKeys.MaxNestingDepth, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.Null(OnAnalyzerThread(() => PromptFileEdits.AddOutputCap(kind, text, 100)));
    }

    [Fact]
    public void NestingLimit_IsConfigurable_UpToWhatAThreadStackHolds()
    {
        var text = "messages:\n  - role: system\n    content: hi\nextra: " + new string('[', 100) + new string(']', 100) + "\n";
        var path = "p.prompt.yml";

        var byDefault = PromptFileReader.Read(new PromptFileInput(path, path, text), PromptFileKind.GitHubModels);
        var raised = OnAnalyzerThread(() => PromptFileReader.Read(new PromptFileInput(path, path, text, limits: new PromptFileLimits(maxNestingDepth: 128)), PromptFileKind.GitHubModels));

        Assert.Contains("nests deeper than 64", Assert.Single(byDefault.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(raised.Problems);
        Assert.Single(raised.Templates);
        Assert.Equal(PromptFileLimits.HighestNestingDepth, new PromptFileLimits(maxNestingDepth: 100_000).MaxNestingDepth);
    }

    [Fact]
    public void ToolJsonNestedPastTheLimit_IsPL0101()
    {
        var text = "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000) + "}}]";

        var result = OnAnalyzerThread(() => PromptFileReader.Read(new PromptFileInput("t.tools.json", "t.tools.json", text), PromptFileKind.ToolSchema));

        Assert.Empty(result.Templates.SelectMany(t => t.Tools));
        var problem = Assert.Single(result.Problems);
        Assert.Contains("the JSON nests deeper than 64 levels at line 1", problem.Message, StringComparison.Ordinal);
        Assert.Equal(362, problem.Column); // the 62nd {"a": opens level 65
    }

    [Fact]
    public void FileOverTheSizeLimit_IsPL0101WithTheLimit_AndTheLimitIsConfigurable()
    {
        var text = "You are a support assistant.\n" + new string('x', PromptFileLimits.DefaultMaxCharacters);

        var refused = PromptFileReader.Read(new PromptFileInput("big.md", "big.md", text), PromptFileKind.Text);
        var allowed = PromptFileReader.Read(new PromptFileInput("big.md", "big.md", text, limits: new PromptFileLimits(maxCharacters: 2_000_000)), PromptFileKind.Text);

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("1,000,029 characters, more than the 1,000,000", problem.Message, StringComparison.Ordinal);
        Assert.Contains(SettingKeys.MaxPromptFileChars, problem.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Templates);
        Assert.Empty(allowed.Problems);
        Assert.Single(allowed.Templates);
    }

    // --- Super-linear scans (hang guards) ------------------------------------------------------------------------

    [Fact]
    public void UnclosedTemplateBraces_AreScannedOnce()
    {
        var text = "You are helpful. " + string.Concat(Enumerable.Repeat("{{", 200_000)) + "\n{{question}}\n";

        var result = Guarded(() => PromptFileReader.Read(new PromptFileInput("p.md", "p.md", text), PromptFileKind.Text));
        Guarded(() => PromptFileEdits.RewriteStaticText(PromptFileKind.Text, "p.md", text, WhitespaceBloat.Collapse));

        Assert.Empty(result.Problems);
        Assert.Single(Assert.Single(result.Templates).Messages.SelectMany(m => m.Segments), s => s.IsHole);
    }

    [Theory]
    [InlineData('.')]
    [InlineData(' ')]
    [InlineData('!')]
    public void RunOfOneCharacterInsideASentence_IsReadAndRuledInLinearTime(char c)
    {
        var run = new string(c, 450_000);
        var github = "messages:\n  - role: system\n    content: Never answer in French" + run + "x and always answer in English.\n";
        var prompty = "---\nname: p\n---\nsystem:\nYou are helpful." + run + "\nuser:\n" + run + "\n{{question}}\n";

        foreach (var (kind, path, text) in new[] { (PromptFileKind.GitHubModels, "p.prompt.yml", github), (PromptFileKind.Prompty, "p.prompty", prompty) })
        {
            var result = Guarded(() => PromptFileReader.Read(new PromptFileInput(path, path, text), kind));
            Assert.True(result.Problems.Count == 0, path + ": " + string.Join("; ", result.Problems.Select(p => p.Message)));
            var template = Assert.Single(result.Templates);
            Guarded(() => CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry));
        }
    }

    [Fact]
    public void UnclosedSemanticKernelMessageTags_AreScannedOnce()
    {
        var text = "<message role=\"system\">Be brief.</message>" + string.Concat(Enumerable.Repeat("<message role=\"user\">x ", 40_000));

        var result = Guarded(() => PromptFileReader.Read(new PromptFileInput("skprompt.txt", "skprompt.txt", text), PromptFileKind.SemanticKernelPrompt));

        Assert.Equal("Be brief.", Assert.Single(Assert.Single(result.Templates).Messages).Segments.Single().Text);
    }

    [Theory]
    [InlineData(PromptFileKind.SemanticKernelYaml)]
    [InlineData(PromptFileKind.GitHubModels)]
    public void YamlAliasBomb_DoesNotExpand_InTheReaderOrTheCapFix(PromptFileKind kind)
    {
        var bomb = new StringBuilder("template: Hi\nmessages:\n  - role: system\n    content: Hi\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i <= 12; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(",", Enumerable.Repeat("*a" + (i - 1), 9))).Append("]\n");
        }

        var text = bomb.ToString();
        var result = Guarded(() => PromptFileReader.Read(new PromptFileInput("p.yaml", "p.yaml", text), kind));
        var edited = Guarded(() => PromptFileEdits.AddOutputCap(kind, text, 300));

        // Issue 30: the reader refuses a bomb (it expands to 9^12 × 3 characters), naming the limit; the edit still works.
        Assert.Empty(result.Templates);
        Assert.Contains("aliases expand it to more than 1,000,000 characters", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.NotNull(edited);
        Assert.Contains(": 300", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlLineBreaksAnEditorDoesNotSee_MakeNoEdit_InsteadOfAnIndexOutOfRange()
    {
        // Found by the fuzzer (github #673, seed 7): YamlDotNet breaks lines at U+2028, so its line numbers ran past the file's.
        var text = "messages:\n  - role: system\n    content: |\n      Query:\n \u2028\u2028\u2028\u2028\n";

        Assert.Null(PromptFileEdits.AddOutputCap(PromptFileKind.GitHubModels, text, 100));
        Assert.Null(PromptFileEdits.RewriteStaticText(PromptFileKind.GitHubModels, "p.prompt.yml", text, WhitespaceBloat.Collapse));
    }

    [Fact]
    public void SentenceSpans_AreWhatTheOldExpressionMatched()
    {
        // The expression the scanner replaced, as the oracle, on random text over the characters that matter to it.
        var old = new Regex(@"\S.*?(?:[.!?]+[""'”’)\]]*(?=\s|\z)|\z)", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        var rng = new Random(17);
        const string alphabet = "ab .!?\"')]”’\n\t\u00A0";
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[rng.Next(30)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            }

            var text = new string(chars);
            Assert.Equal(old.Matches(text).Select(m => (m.Index, m.Length)), StaticTextUnits.SentenceSpans(text));
        }
    }

    [Fact]
    public void DeeplyNestedTemplateConditionals_AreMeasured_NotAStackOverflow()
    {
        // Found by the long fuzz run (issue 30): the largest-alternative total recursed once per nesting level.
        const int depth = 30_000;
        var text = string.Concat(Enumerable.Repeat("{{#if a}}x ", depth)) + "Answer briefly." + string.Concat(Enumerable.Repeat(" {{else}}y{{/if}}", depth)) + "\n";
        var read = OnAnalyzerThread(() => PromptFileReader.Read(new PromptFileInput("p.md", "p.md", text), PromptFileKind.Text));
        var template = Assert.Single(read.Templates);

        var measurement = OnAnalyzerThread(() => new PromptMeasurer(Registry).Measure(template, null));

        Assert.True(measurement.LargestBranch);
        Assert.True(measurement.StaticTokens > 0);
    }

    [Fact]
    public void LargestBranchTotal_OfAPathTenThousandBlocksDeep_IsComputedWithoutRecursion()
    {
        var path = string.Join("/", Enumerable.Range(0, 10_000).Select(i => i + ".a"));
        var other = string.Join("/", Enumerable.Range(0, 9_999).Select(i => i + ".a")) + "/9999.b";

        var total = OnAnalyzerThread(() => PromptBranches.Largest(new (string?, int)[] { (null, 3), (path, 5), (other, 7), (path, 1) }));

        Assert.Equal(3 + 7, total);
    }

    // --- JSON with unpaired surrogates, and the other readers --------------------------------------------------------

    [Fact]
    public void JsonBlockWithAnEscapedLoneSurrogate_InAMarkdownPrompt_NeitherRulesNorFixesThrow()
    {
        var text = "Answer from this data:\n\n```json\n{\n    \"name\": \"\\ud800\",\n    \"items\": [\n        1,\n        2,\n        3\n    ]\n}\n```\n";
        var template = Assert.Single(PromptFileReader.Read(new PromptFileInput("p.md", "p.md", text), PromptFileKind.Text).Templates);

        CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry);

        // System.Text.Json will not write the escape back, so the object is left as written; its inner array still minifies.
        var edited = PromptFileEdits.RewriteStaticText(PromptFileKind.Text, "p.md", text, PrettyJson.MinifyAll);
        Assert.Equal(text.Replace("[\n        1,\n        2,\n        3\n    ]", "[1,2,3]"), edited);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "must be a JSON object")]
    [InlineData("{\"models\": [1, \"x\", []]}", "every entry of \"models\" must be a JSON object")]
    [InlineData("{\"cacheRules\": [null]}", "every entry of \"cacheRules\" must be a JSON object")]
    [InlineData("{\"models\": [{\"id\": \"m\", \"contextWindow\": 1e309, \"input\": 1, \"output\": 1, \"source\": \"s\", \"asOf\": \"2026-01-01\"}]}", "needs input and output prices and a context window")]
    [InlineData("{\"models\": [{\"id\": \"m\", \"contextWindow\": 2147483648, \"input\": 1, \"output\": 1, \"source\": \"s\", \"asOf\": \"2026-01-01\"}]}", "needs input and output prices and a context window")]
    [InlineData("{\"models\": [{\"id\": \"\\ud800\", \"contextWindow\": 1, \"input\": 1, \"output\": 1, \"source\": \"s\", \"asOf\": \"2026-01-01\"}]}", "escaped unpaired surrogate")]
    [InlineData("{\"models\": [{\"id\": \"\ud800\"}]}", "has no source")]
    public void ModelData_HostileValues_AreProblems(string json, string expected)
    {
        ModelCatalog.Parse(json, out var problems);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 1, \"project\": \"\\ud800\", \"prompts\": []}")]
    [InlineData("{\"schemaVersion\": 99999999999, \"prompts\": []}")]
    public void ReportJson_HostileValues_AreInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => ReportJsonReader.Read(json));
    }

    private static string Baseline(params (string Id, int Tokens)[] entries)
        => "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n"
           + string.Join(",\n", entries.Select(e => $"    {{\"id\":\"{e.Id}\",\"tokenizer\":\"o200k_base\",\"staticTokens\":{e.Tokens},\"staticPrefixTokens\":0,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:00\"}}"))
           + "\n  ]\n}\n";

    private static T Guarded<T>(Func<T> work) => Run(work, HangGuard, "did not finish within two minutes: a scan is super-linear or exponential again");

    private static T OnAnalyzerThread<T>(Func<T> work) => Run(work, HangGuard, "did not finish");

    // A dedicated thread with the 1 MB stack an analyzer thread has on Windows; a stack overflow there ends the test
    // run, which is how the deep-nesting inputs failed before the limits.
    private static T Run<T>(Func<T> work, TimeSpan guard, string message)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 1024 * 1024) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(guard), message);
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException("The input threw: " + failure);
        }

        return result;
    }
}
