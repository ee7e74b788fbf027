using System;
using System.CommandLine;
using System.IO;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Counting.Tokenizers;

using static PromptLint.Cli.Check.Counts;

namespace PromptLint.Cli.Commands;

/// <summary><c>promptlint count FILE</c>: tokens counted the way the analyzer counts them.</summary>
internal static class CountCommand
{
    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "A prompt file or any text file; - reads standard input." };
        var model = CommonOptions.Model("Model whose tokenizer counts (as PromptLintModel).", defaultModel: "gpt-4o");
        var command = new Command("count", "Count tokens the way the PromptLint analyzer does.") { file, model };
        CommandAction.Set(command, stderr, (result, _) => Run(result.GetValue(file)!, result.GetValue(model)!, stdin, stdout, stderr));
        return command;
    }

    /// <summary>Counts a file (or standard input) exactly as the analyzer does: prompt files through their front end, other text whole.</summary>
    public static int Run(string path, string model, TextReader stdin, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = path == "-" ? stdin.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"promptlint: cannot read '{path}': {ex.Message}");
            return ExitCodes.BadInput;
        }

        var choice = TokenizerRegistry.Shared.Resolve(model);
        var label = choice.Exact ? choice.Encoding : choice.Method;
        var kind = path == "-" ? PromptFileKind.Unknown : PromptFileKinds.Detect(path, text);
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            output.WriteLine($"{N(TokenizerRegistry.Shared.Count(choice, text))} tokens ({label})");
            return ExitCodes.Ok;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var input = new PromptFileInput(path, path.Replace('\\', '/'), text, name =>
        {
            var sibling = Path.Combine(directory, name);
            return File.Exists(sibling) ? (sibling, File.ReadAllText(sibling)) : null;
        });
        var result = PromptFileReader.Read(input, kind);
        foreach (var problem in result.Problems)
        {
            error.WriteLine($"{problem.Path}({problem.Line},{problem.Column}): warning {PromptLint.Contracts.Rules.RuleIds.MalformedPromptFile}: {problem.Message}");
        }

        foreach (var template in result.Templates)
        {
            var m = PromptMeasurer.Shared.Measure(template, model);
            output.WriteLine($"{m.Id}: {N(m.StaticTokens)} static tokens ({N(m.StaticPrefixTokens)} cacheable prefix, {N(m.Holes)} holes, {N(m.ToolSchemaTokens)} tool schema) with {m.Tokenizer} for {m.Model}");
        }

        return result.Templates.Count == 0 && result.Problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
