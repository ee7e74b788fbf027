using System.Collections.Generic;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>Reads GitHub Models prompt files (<c>.prompt.yml</c>): <c>model</c>, <c>modelParameters.maxTokens</c>, <c>messages[].role/content</c>.</summary>
public static class GitHubModelsFrontEnd
{
    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        var source = TextNormalizer.NormalizeLineEndings(input.Text);
        var root = YamlHelpers.LoadMapping(source, input.Path, 0, input.Limits.MaxNestingDepth, problems, "the .prompt.yml file", input.Limits.MaxCharacters);
        if (root is null)
        {
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var modelNode = YamlHelpers.Get(root, "model");
        var model = YamlHelpers.GetString(root, "model", input.Path, 0, problems);
        // The GitHub Models tooling reads both spellings; each is checked, so a bad value is reported either way.
        var parameters = YamlHelpers.GetMapping(root, "modelParameters");
        var camel = YamlHelpers.GetPositiveInt(parameters, "maxTokens", input.Path, 0, problems);
        var snake = YamlHelpers.GetPositiveInt(parameters, "max_tokens", input.Path, 0, problems);
        var cap = camel ?? snake;

        if (YamlHelpers.Get(root, "messages") is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            problems.Add(new PromptFileProblem(input.Path, 1, 1, "the .prompt.yml file needs a non-empty 'messages' list of role/content pairs"));
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var messages = new List<PromptMessage>();
        SourceLocation? first = null;
        foreach (var item in sequence.Children)
        {
            var line = YamlHelpers.Line(item, 0);
            if (item is not YamlMappingNode message)
            {
                problems.Add(new PromptFileProblem(input.Path, line, YamlHelpers.Column(item), $"the message at line {line} must have 'role' and 'content'"));
                continue;
            }

            var roleName = YamlHelpers.GetString(message, "role", input.Path, 0, problems);
            var role = PromptRoles.Parse(roleName);
            var content = YamlHelpers.GetString(message, "content", input.Path, 0, problems);
            if (role is null || content is null)
            {
                problems.Add(new PromptFileProblem(input.Path, line, YamlHelpers.Column(item), $"the message at line {line} needs a 'role' (system, user or assistant) and a 'content' text"));
                continue;
            }

            first ??= new SourceLocation(input.Path, line, YamlHelpers.Column(item));
            var (origin, continuation) = YamlHelpers.TextOrigin(YamlHelpers.Get(message, "content"), source, input.Path, 0);
            messages.Add(new PromptMessage(role.Value, TemplateSyntax.Split(content, TemplateFlavor.Mustache, origin, continuation)));
        }

        if (messages.Count == 0)
        {
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var template = new PromptTemplate(
            input.Id,
            first!.Value,
            messages[0].Role,
            messages,
            model: string.IsNullOrWhiteSpace(model) ? null : model,
            modelLocation: YamlHelpers.LocationOf(modelNode, input.Path, 0),
            outputCap: cap,
            outputCapStatus: cap is null ? OutputCapStatus.Missing : OutputCapStatus.Declared,
            outputCapSetting: snake is not null && camel is null ? "modelParameters.max_tokens" : "modelParameters.maxTokens",
            budget: YamlHelpers.Budget(root, input.Path, 0, problems),
            responseFormatJson: ResponseFormatJson.FromJsonSchema(YamlHelpers.Get(root, "jsonSchema")));
        // maxCompletionTokens is declared by actions/ai-inference's prompt type but sent by neither it nor gh models:
        // the call is uncapped, and PL0003 says which key was seen and which one is read.
        if (cap is null && IgnoredCapKey(parameters) is { } ignored)
        {
            template = template.WithIgnoredOutputCapKey("modelParameters." + ignored);
        }

        return PromptFileResult.Of(template, problems);
    }

    private static string? IgnoredCapKey(YamlMappingNode? parameters)
    {
        foreach (var key in new[] { "maxCompletionTokens", "max_completion_tokens", "maxOutputTokens", "max_output_tokens" })
        {
            if (YamlHelpers.Get(parameters, key) is not null)
            {
                return key;
            }
        }

        return null;
    }
}
