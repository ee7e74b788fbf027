using System;
using System.CommandLine;
using PromptLint.Cli;

return CommandLine.Run(args, Console.In, Console.Out, Console.Error);
