using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads <c>.prompty</c> files: YAML front matter (v1 <c>model.configuration</c>/<c>model.parameters.max_tokens</c>,
/// v2 <c>model.id</c>/<c>model.options.maxOutputTokens</c>) and a body split into role sections.
/// </summary>
public static class PromptyFrontEnd
{
    // Every root key of the front matter this front end reads (model, and PromptLint's own budget, see YamlHelpers.Budget):
    // the values of the others (inputs, sample, outputs, which may be large) are parsed and checked but not built.
    internal static readonly HashSet<string> ReadRootKeys = new(System.StringComparer.Ordinal) { "model", "promptlint", "promptlint.budget" };

    private static readonly Regex RoleLine = new(@"^\s*#?\s*(system|developer|user|assistant|function|tool)\s*(\[[^\]]*\])?\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        // A byte order mark before the opening '---' is encoding, not text.
        var lines = TextNormalizer.NormalizeLineEndings(input.Text).TrimStart('\uFEFF').Split('\n');
        // Blank lines before the opening '---' are allowed: Promptflow's loader skips them.
        var open = 0;
        while (open < lines.Length - 1 && lines[open].Trim().Length == 0)
        {
            open++;
        }

        if (lines.Length == 0 || lines[open].Trim() != "---")
        {
            return PromptFileResult.Problem(input.Path, open + 1, 1, "a .prompty file must start with YAML front matter between '---' lines");
        }

        var close = -1;
        for (var i = open + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            return PromptFileResult.Problem(input.Path, open + 1, 1, $"the front matter opened at line {open + 1} is never closed with '---'");
        }

        var frontMatter = string.Join("\n", lines, open + 1, close - open - 1);
        var root = frontMatter.Trim().Length == 0 ? null : YamlHelpers.LoadMapping(frontMatter, input.Path, open + 1, input.Limits.MaxNestingDepth, problems, "the front matter", input.Limits.MaxCharacters, ReadRootKeys);
        var model = YamlHelpers.GetMapping(root, "model");

        // v2: model.id; v1: model.configuration.name / model. An Azure deployment name is the team's own label:
        // it names a model only when it happens to be one, otherwise the project's model applies.
        var configuration = YamlHelpers.GetMapping(model, "configuration");
        var modelNode = YamlHelpers.Get(model, "id") as YamlScalarNode
            ?? YamlHelpers.Get(configuration, "name") as YamlScalarNode
            ?? YamlHelpers.Get(configuration, "model") as YamlScalarNode;
        if (modelNode is null && YamlHelpers.Get(configuration, "azure_deployment") is YamlScalarNode deployment
            && PromptLint.Counting.Tokenizers.TokenizerRegistry.Shared.Resolve(deployment.Value).KnownModel)
        {
            modelNode = deployment;
        }

        var modelName = string.IsNullOrWhiteSpace(modelNode?.Value) || modelNode!.Value!.Contains("${") ? null : modelNode.Value;

        var parameters = YamlHelpers.GetMapping(model, "parameters");
        var options = YamlHelpers.GetMapping(model, "options");

        // Every cap key is checked, so a bad value is reported even when another key already gives the cap.
        var maxOutputTokens = YamlHelpers.GetPositiveInt(options, "maxOutputTokens", input.Path, open + 1, problems);
        var maxTokens = YamlHelpers.GetPositiveInt(parameters, "max_tokens", input.Path, open + 1, problems);
        var maxCompletionTokens = YamlHelpers.GetPositiveInt(parameters, "max_completion_tokens", input.Path, open + 1, problems);
        var cap = maxOutputTokens ?? maxTokens ?? maxCompletionTokens;

        // An embedding or image-generation prompt produces no output tokens: there is no cap to set.
        var api = (YamlHelpers.Get(model, "api") as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
        var producesText = api is not ("embedding" or "embeddings" or "image" or "images" or "image_generation");

        var messages = new List<PromptMessage>();
        var firstLine = close + 2;
        var role = PromptRole.System;
        var start = close + 1;
        var startLine = close + 2;
        var sawRole = false;
        for (var i = close + 1; i <= lines.Length; i++)
        {
            // Trimmed first: on a line of 100,000 spaces the two '\s*' around '#?' tried every split of the run.
            var match = i < lines.Length ? RoleLine.Match(lines[i].Trim()) : null;
            if (i < lines.Length && !match!.Success)
            {
                continue;
            }

            AddMessage(messages, input.Path, role, lines, start, i, ref firstLine, startLine, sawRole);
            if (match is not null)
            {
                role = PromptRoles.Parse(match.Groups[1].Value) ?? PromptRole.System;
                start = i + 1;
                startLine = i + 1;
                sawRole = true;
            }
        }

        if (messages.Count == 0)
        {
            problems.Add(new PromptFileProblem(input.Path, close + 2, 1, "the .prompty file has no prompt text after its front matter"));
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var template = new PromptTemplate(
            input.Id,
            new SourceLocation(input.Path, firstLine, 1),
            messages[0].Role,
            messages,
            model: modelName,
            modelLocation: YamlHelpers.LocationOf(modelNode, input.Path, open + 1),
            outputCap: cap,
            outputCapStatus: cap is not null ? OutputCapStatus.Declared : producesText ? OutputCapStatus.Missing : OutputCapStatus.Unknown,
            outputCapSetting: options is not null || YamlHelpers.Get(model, "id") is not null ? "model.options.maxOutputTokens" : "model.parameters.max_tokens",
            budget: YamlHelpers.Budget(root, input.Path, open + 1, problems));
        return PromptFileResult.Of(template, problems);
    }

    private static void AddMessage(List<PromptMessage> messages, string path, PromptRole role, string[] lines, int start, int end, ref int firstLine, int startLine, bool sawRole)
    {
        if (end <= start)
        {
            return;
        }

        var joined = string.Join("\n", lines, start, end - start);
        var content = joined.Trim();
        if (content.Length == 0)
        {
            return;
        }

        if (messages.Count == 0)
        {
            firstLine = sawRole ? startLine : start + 1;
        }

        // Line i of the body is line i + 1 of the file; the content starts where the trimmed whitespace ends.
        var origin = TemplateSyntax.Advance(new SourceLocation(path, start + 1, 1), 1, joined, joined.Length - joined.TrimStart().Length);
        messages.Add(new PromptMessage(role, TemplateSyntax.Split(content, TemplateFlavor.Jinja, origin, 1)));
    }
}
