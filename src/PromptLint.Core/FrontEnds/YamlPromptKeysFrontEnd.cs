using System;
using System.Collections.Generic;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads the prompt YAML <see cref="YamlPromptShape"/> recognises: each <c>role</c>/<c>content</c> item of a top-level
/// <c>messages:</c> or <c>input:</c> list is a message; otherwise <c>system_prompt</c>/<c>systemPrompt</c> is the system
/// message and <c>user_prompt</c>/<c>userPrompt</c>/<c>prompt</c> the user message. <c>{{name}}</c> are holes. The cap is
/// <c>max_tokens</c>/<c>maxTokens</c> at the top or under <c>modelParameters</c>; without one the program that loads the
/// file decides, so nothing is said about it. A found file with none of those values is not a prompt: no problem.
/// </summary>
public static class YamlPromptKeysFrontEnd
{
    private static readonly string[] CapKeys = { "max_tokens", "maxTokens" };

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        var source = TextNormalizer.NormalizeLineEndings(input.Text);
        var root = YamlHelpers.LoadMapping(source, input.Path, 0, input.Limits.MaxNestingDepth, problems, "the prompt YAML", input.Limits.MaxCharacters);
        if (root is null)
        {
            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        var messages = new List<PromptMessage>();
        SourceLocation? first = null;
        foreach (var key in YamlPromptShape.MessageListKeys)
        {
            if (YamlHelpers.Get(root, key) is not YamlSequenceNode list)
            {
                continue;
            }

            foreach (var item in list.Children)
            {
                if (item is YamlMappingNode message
                    && PromptRoles.Parse((YamlHelpers.Get(message, "role") as YamlScalarNode)?.Value) is { } role
                    && YamlHelpers.Get(message, "content") is YamlScalarNode { Value: { } content } contentNode)
                {
                    first ??= new SourceLocation(input.Path, YamlHelpers.Line(item, 0), YamlHelpers.Column(item));
                    messages.Add(Message(role, content, contentNode, source, input.Path));
                }
            }

            break;
        }

        if (messages.Count == 0)
        {
            AddKeyed(root, YamlPromptShape.SystemKeys, PromptRole.System, source, input.Path, messages, ref first);
            AddKeyed(root, YamlPromptShape.UserKeys, PromptRole.User, source, input.Path, messages, ref first);
        }

        if (messages.Count == 0)
        {
            if (!input.Discovered)
            {
                problems.Add(new PromptFileProblem(input.Path, 1, 1, "the prompt YAML has no 'messages' list of role/content items and no system_prompt/user_prompt/prompt text"));
            }

            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        int? cap = null;
        string? capSetting = null;
        var parameters = YamlHelpers.GetMapping(root, "modelParameters");
        foreach (var (mapping, prefix) in new[] { (root, string.Empty), (parameters, "modelParameters.") })
        {
            foreach (var key in CapKeys)
            {
                if (YamlHelpers.GetPositiveInt(mapping, key, input.Path, 0, problems) is { } value && cap is null)
                {
                    cap = value;
                    capSetting = prefix + key;
                }
            }
        }

        var modelNode = YamlHelpers.Get(root, "model") as YamlScalarNode;
        var template = new PromptTemplate(
            input.Id,
            first!.Value,
            messages[0].Role,
            messages,
            model: string.IsNullOrWhiteSpace(modelNode?.Value) ? null : modelNode!.Value,
            modelLocation: modelNode is null || string.IsNullOrWhiteSpace(modelNode.Value) ? null : YamlHelpers.LocationOf(modelNode, input.Path, 0),
            outputCap: cap,
            outputCapStatus: cap is null ? OutputCapStatus.Unknown : OutputCapStatus.Declared,
            outputCapSetting: capSetting,
            budget: YamlHelpers.Budget(root, input.Path, 0, problems));
        return PromptFileResult.Of(template, problems);
    }

    // The first of the keys that holds text (a bare "prompt:" must read as words, not a file name or a flag).
    private static void AddKeyed(YamlMappingNode root, string[] keys, PromptRole role, string source, string path, List<PromptMessage> messages, ref SourceLocation? first)
    {
        foreach (var key in keys)
        {
            if (YamlHelpers.Get(root, key) is YamlScalarNode { Value: { } text } node && text.Trim().IndexOfAny(new[] { ' ', '\n', '\t' }) > 0)
            {
                first ??= new SourceLocation(path, YamlHelpers.Line(node, 0), 1);
                messages.Add(Message(role, text, node, source, path));
                return;
            }
        }
    }

    private static PromptMessage Message(PromptRole role, string content, YamlNode node, string source, string path)
    {
        var (origin, continuation) = YamlHelpers.TextOrigin(node, source, path, 0);
        return new PromptMessage(role, TemplateSyntax.Split(content, TemplateFlavor.Mustache, origin, continuation));
    }
}
