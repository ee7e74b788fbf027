using System.Text;
using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 17 through the build: the worst inputs the fuzzer knows (a 50 MB file, a YAML alias bomb, 100 KB of nested
/// '[', unclosed template braces, a run of dots in a sentence, a hostile baseline) in one consumer beside good prompts.
/// The build finishes, each bad file gets its diagnostic, the good prompts are still measured, and the committed
/// baseline is left byte for byte as it was.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class HostileInputTests
{
    private readonly PackageFeed _feed;

    public HostileInputTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void WorstInputs_EachGetADiagnostic_GoodPromptsAreMeasured_BaselineUntouched()
    {
        var consumer = _feed.NewConsumer();
        SampleFiles.WriteAll(consumer);

        var huge = new StringBuilder(50 * 1024 * 1024 + 100);
        while (huge.Length < 50 * 1024 * 1024)
        {
            huge.Append("You are a helpful assistant. Answer briefly and cite the policy.\n");
        }

        consumer.Write("Prompts/huge.md", huge.ToString());
        // Issue 29: a file the default globs find over the size limit is skipped, not PL0101; one the project names with
        // a kind keeps PL0101 (huge.md is named here, the 1.1 MB tool catalogue is only found).
        consumer.SetProject("net10.0", packageReferences: "<PromptLintFile Update=\"Prompts/huge.md\" PromptLintKind=\"text\" />");
        var catalogue = new StringBuilder("[\n");
        for (var i = 0; catalogue.Length < 1_100_000; i++)
        {
            catalogue.Append("  { \"name\": \"tool_").Append(i).Append("\", \"description\": \"Looks up one record by its id and returns it as JSON.\", \"parameters\": { \"type\": \"object\" } },\n");
        }

        consumer.Write("site/tools_catalog.json", catalogue.Append("  { \"name\": \"last\", \"parameters\": { \"type\": \"object\" } }\n]\n").ToString());
        var bomb = new StringBuilder("name: bomb\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 100\nmessages:\n  - role: system\n    content: Be brief.\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i <= 12; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(",", Enumerable.Repeat("*a" + (i - 1), 9))).Append("]\n");
        }

        consumer.Write("bomb.prompt.yml", bomb.ToString());
        consumer.Write("deep.prompt.yml", "messages: " + new string('[', 100_000) + "\n");
        consumer.Write("Prompts/braces.md", "You are helpful. " + string.Concat(Enumerable.Repeat("{{", 100_000)) + "\n{{question}}\n");
        consumer.Write("dots.prompt.yml", "name: dots\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 100\nmessages:\n  - role: system\n    content: Never answer in French" + new string('.', 400_000) + "x and always in English.\n");

        // Hostile baseline: an id that is an escaped lone surrogate and a count past int.MaxValue.
        var baseline = "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n"
                       + "    {\"id\":\"\\ud800\",\"tokenizer\":\"o200k_base\",\"staticTokens\":10,\"staticPrefixTokens\":10,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:1\"},\n"
                       + "    {\"id\":\"Prompts/support.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":2147483648,\"staticPrefixTokens\":0,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:2\"}\n"
                       + "  ]\n}\n";
        consumer.Write("promptlint.baseline.json", baseline);
        var committed = File.ReadAllBytes(consumer.BaselinePath);

        var result = consumer.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        var malformed = Consumer.Diagnostics(result, "PL0101").ToDictionary(m => Path.GetFileName(m.Groups["file"].Value), m => m.Groups["message"].Value);
        Assert.Contains("more than the 1,000,000 PromptLint reads", malformed["huge.md"]);
        Assert.False(malformed.ContainsKey("tools_catalog.json"), "a tool catalogue the default globs found over the limit is not malformed");
        Assert.Contains("nests deeper than 64 levels at line 1", malformed["deep.prompt.yml"]);
        // Issue 30: an alias bomb is refused, not expanded and counted (9^12 "lol"s).
        Assert.Contains("aliases expand it to more than", malformed["bomb.prompt.yml"]);
        var baselineProblems = Consumer.Diagnostics(result, "PL0100");
        Assert.Equal(new[] { "4", "5" }, baselineProblems.Select(m => m.Groups["line"].Value).OrderBy(l => l));
        Assert.Equal(committed, File.ReadAllBytes(consumer.BaselinePath));

        var measured = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("Prompts/support.txt", measured);
        Assert.Contains("triage.prompty", measured);
        Assert.DoesNotContain("bomb.prompt.yml", measured); // refused, not measured from its expansion
        Assert.Contains("Prompts/braces.md", measured);
        Assert.Contains("dots.prompt.yml", measured);
        Assert.DoesNotContain("Prompts/huge.md", measured);
        Assert.DoesNotContain("site/tools_catalog.json", measured);
    }
}
