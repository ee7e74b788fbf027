using PromptLint.Cli.Check;

namespace PromptLint.Cli.Tests;

/// <summary>A throw-away folder of prompt files, and 'promptlint' run in it in-process.</summary>
internal sealed class Fixture : IDisposable
{
    public Fixture(string? copyFrom = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("promptlint-check-").FullName;
        if (copyFrom is not null)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(copyFrom, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(copyFrom, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                var target = Path.Combine(Directory, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    public string Directory { get; }

    public string Path_(string relative) => Path.Combine(Directory, relative);

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Directory, relative));

    public (int Exit, string Output, string Error) Run(params string[] args) => RunWithInput(string.Empty, args);

    public (int Exit, string Output, string Error) RunWithInput(string input, params string[] args) => RunWith(new StringReader(input), CancellationToken.None, args);

    /// <summary>'promptlint' with its standard input read from <paramref name="stdin"/> and stopped by <paramref name="cancellation"/> (as Ctrl+C stops it).</summary>
    public (int Exit, string Output, string Error) RunWith(TextReader stdin, CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, stdin, output, error, Directory, cancellation);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The findings of 'promptlint check' on the folder, through the command's own pipeline.</summary>
    public IReadOnlyList<CheckedFinding> Findings(params string[] paths)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = paths.ToList(), CurrentDirectory = Directory }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out var bad);
        Assert.False(bad);
        return run.Findings;
    }

    public CheckRun Analyze(params string[] paths)
    {
        var run = new CheckAnalysis(new CheckOptions { Paths = paths.ToList(), CurrentDirectory = Directory }, TextReader.Null, TextWriter.Null).Run(out var bad);
        Assert.False(bad);
        return run;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    public static string Helpdesk => Path.Combine(RepoRoot(), "prompts-samples", "Contoso.Helpdesk");

    /// <summary>A project whose prompt files trip most rules, in every format, with a baseline that gates some and misses others.</summary>
    public static Fixture Rich()
    {
        var f = new Fixture();
        f.Write("Rich.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("Prompts/verbose.md",
            "# Support (system prompt)\n\n" +
            "You answer questions about Contoso orders.   \n" +
            "Please note that you must be brief. It is important to note that refunds take two days.\t \n\n\n\n" +
            "Don\u2019t guess \u2014 ask for the order number when it is missing.\n\n" +
            "Reply with this JSON:\n{\n  \"order\": \"10023\",\n  \"status\": \"open\",\n  \"priority\": \"high\"\n}\n\n" +
            "Order: {{order}}\n");
        f.Write("triage.prompty",
            "---\nname: Triage\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\n" +
            "system:\nYou are a support triage assistant for Contoso. Classify the ticket into billing, outage, or how-to.   \n\n\n\n" +
            "user:\n{{ticket}}\n");
        f.Write("Prompts/summarize.prompt.yml",
            "name: Summarizer\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: |\n      You summarize release notes for customers in plain language.\n      Keep it short \u2014 three bullet points.\n  - role: user\n    content: |\n      {{notes}}\n");
        f.Write("Plugins/Writer/Story/skprompt.txt", "Write a bedtime story about {{$topic}} for a {{$age}}-year-old.\n");
        f.Write("Plugins/Writer/Story/config.json", "{\n  \"schema\": 1,\n  \"description\": \"Writes a story\",\n  \"execution_settings\": { \"default\": { \"max_tokens\": 350 } }\n}\n");
        f.Write("Tools/weather.tools.json",
            "[\n  {\n    \"type\": \"function\",\n    \"function\": {\n      \"name\": \"get_weather\",\n      \"description\": \"Get the current weather for a city.\",\n" +
            "      \"parameters\": { \"type\": \"object\", \"properties\": { \"city\": { \"type\": \"string\", \"description\": \"City name\" } }, \"required\": [\"city\"] }\n    }\n  }\n]\n");
        f.Write("Prompts/broken.yaml", "template: |\n  Hello {{$name}}\n execution_settings: [\n");
        f.Write("Prompts/escalate.yaml", "name: Escalate\ntemplate: |\n  Summarize why the ticket {{$ticket}} needs a human, in two sentences.\nexecution_settings:\n  default:\n    model_id: contoso-escalations\n");
        f.Write("README.md", "Not a prompt: outside the default globs.\n");
        f.Write(".editorconfig", "root = true\n\n[*.md]\npromptlint.whitespace_min_tokens = 1\n\n[*.prompty]\npromptlint.default_max_output_tokens = 512\n");
        f.Write("promptlint.baseline.json",
            "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n" +
            "    {\"id\":\"Prompts/gone.md\",\"tokenizer\":\"o200k_base\",\"staticTokens\":10,\"staticPrefixTokens\":10,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:0\"},\n" +
            "    {\"id\":\"Prompts/verbose.md\",\"tokenizer\":\"o200k_base\",\"staticTokens\":20,\"staticPrefixTokens\":20,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:0\"},\n" +
            "    {\"id\":\"Support.Prompts.System\",\"tokenizer\":\"o200k_base\",\"staticTokens\":30,\"staticPrefixTokens\":30,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:0\"}\n" +
            "  ]\n}\n");
        return f;
    }
}
