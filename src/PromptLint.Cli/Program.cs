using System;
using System.CommandLine;
using PromptLint.Cli;

var model = new Option<string>("--model", "-m") { Description = "Model whose tokenizer counts (as PromptLintModel).", DefaultValueFactory = _ => "gpt-4o" };
var countFile = new Argument<string>("file") { Description = "A prompt file or any text file; - reads standard input." };
var count = new Command("count", "Count tokens the way the PromptLint analyzer does.") { countFile, model };
count.SetAction(result => Commands.Count(result.GetValue(countFile)!, result.GetValue(model)!, Console.In, Console.Out, Console.Error));

var threshold = new Option<double>("--threshold") { Description = "Regression threshold in percent.", DefaultValueFactory = _ => 5 };
var minTokens = new Option<int>("--min-tokens") { Description = "Growth below this many tokens never regresses.", DefaultValueFactory = _ => 20 };
var outputFile = new Option<string?>("--output", "-o") { Description = "Write the Markdown here instead of standard output." };

var reports = new Argument<string[]>("reports") { Description = "report.json files, folders or globs (**/obj/promptlint/report.json).", Arity = ArgumentArity.OneOrMore };
var merge = new Command("merge", "Merge the reports of a solution's projects into one pull-request comment.") { reports, outputFile, threshold };
merge.SetAction(result => Commands.Merge(result.GetValue(reports)!, result.GetValue(outputFile), result.GetValue(threshold), Console.Out, Console.Error));

var before = new Argument<string>("base") { Description = "report.json of the base build." };
var after = new Argument<string>("head") { Description = "report.json of the pull request's build." };
var diff = new Command("diff", "Compare two builds; exit code 1 when a prompt regressed.") { before, after, threshold, minTokens, outputFile };
diff.SetAction(result => Commands.Diff(result.GetValue(before)!, result.GetValue(after)!, result.GetValue(threshold), result.GetValue(minTokens), result.GetValue(outputFile), Console.Out, Console.Error));

var root = new RootCommand("PromptLint: the token footprint of your prompts.") { count, merge, diff };
return root.Parse(args).Invoke();
