using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>Dispatches a prompt file to its front end. Never throws on bad input: every failure becomes a problem with a line.</summary>
public static class PromptFileReader
{
    /// <summary>Reads a file of a known kind.</summary>
    public static PromptFileResult Read(PromptFileInput input, PromptFileKind kind)
    {
        if (!PromptLint.Core.Engine.RuleTimings.On)
        {
            return ReadUntimed(input, kind);
        }

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return ReadUntimed(input, kind);
        }
        finally
        {
            PromptLint.Core.Engine.RuleTimings.Add("front end " + kind, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        }
    }

    private static PromptFileResult ReadUntimed(PromptFileInput input, PromptFileKind kind)
    {
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            return PromptFileResult.Empty;
        }

        if (TooLong(input.Path, input.Text.Length, input.Limits) is { } tooLong)
        {
            return tooLong;
        }

        if (PromptFileDecoding.TextProblem(input.Path, input.Text, input.DecodedStrictly) is { } notText)
        {
            return notText;
        }

        if (input.Text.Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0)
        {
            // An empty template is a valid template (it sends nothing); an empty structured file is not one.
            return IsTemplate(kind) ? PromptFileResult.Empty : PromptFileResult.Problem(input.Path, 1, 1, "the prompt file is empty");
        }

        try
        {
            return PromptFileProblemCap.Apply(kind switch
            {
                PromptFileKind.Prompty => PromptyFrontEnd.Read(input),
                PromptFileKind.SemanticKernelYaml => SemanticKernelFrontEnd.ReadYaml(input),
                PromptFileKind.SemanticKernelPrompt => SemanticKernelFrontEnd.ReadSkPrompt(input),
                PromptFileKind.GitHubModels => GitHubModelsFrontEnd.Read(input),
                PromptFileKind.ToolSchema => IsYaml(input.Path) ? YamlToolListFrontEnd.Read(input) : ToolSchemaFrontEnd.Read(input),
                PromptFileKind.Verbatim => TextFrontEnd.ReadVerbatim(input),
                PromptFileKind.Jinja => JinjaFrontEnd.Read(input),
                PromptFileKind.Handlebars => HandlebarsFrontEnd.Read(input),
                PromptFileKind.Agent => AgentFileFrontEnd.Read(input),
                PromptFileKind.YamlPrompt => YamlPromptKeysFrontEnd.Read(input),
                _ => TextFrontEnd.Read(input),
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A parser failing in a way it does not document must still surface as a diagnostic, never as AD0001.
            return PromptFileResult.Problem(input.Path, 1, 1, $"the file could not be read ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private static bool IsYaml(string path)
        => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static bool IsTemplate(PromptFileKind kind)
        => kind is PromptFileKind.Text or PromptFileKind.Verbatim or PromptFileKind.Jinja or PromptFileKind.Handlebars or PromptFileKind.Agent or PromptFileKind.SemanticKernelPrompt;

    /// <summary>The problem of a file longer than <paramref name="limits"/> allow, or null; callers can ask before they copy the text.</summary>
    public static PromptFileResult? TooLong(string path, int length, PromptFileLimits limits)
        => length <= limits.MaxCharacters
            ? null
            : PromptFileResult.Problem(
                path,
                1,
                1,
                string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "the file has {0:N0} characters, more than the {1:N0} PromptLint reads; if it really is one prompt, raise {2}",
                    length,
                    limits.MaxCharacters,
                    PromptLint.Contracts.Rules.SettingKeys.MaxPromptFileChars));
}
