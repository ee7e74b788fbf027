using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads Semantic Kernel prompts: the YAML form (<c>template</c>, <c>template_format</c>, <c>execution_settings</c>)
/// and the older <c>skprompt.txt</c> with its <c>config.json</c>. A template without <c>&lt;message role=…&gt;</c>
/// tags is sent by Semantic Kernel as one user message.
/// </summary>
public static class SemanticKernelFrontEnd
{
    // Every root key of the prompt YAML this front end reads (and PromptLint's own budget, see YamlHelpers.Budget): the
    // values of the others (input_variables with their defaults, output_variable, which may be large) are parsed and
    // checked but not built (issue 30, sk-yaml #702: a 10,000-entry flow-style default cost more to build than the rest
    // of the file to read).
    internal static readonly HashSet<string> ReadRootKeys = new(StringComparer.Ordinal) { "template", "template_format", "execution_settings", "promptlint", "promptlint.budget" };

    private static readonly JsonReaderOptions ConfigReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a Semantic Kernel prompt YAML file.</summary>
    public static PromptFileResult ReadYaml(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        var source = TextNormalizer.NormalizeLineEndings(input.Text);
        var root = YamlHelpers.LoadMapping(source, input.Path, 0, input.Limits.MaxNestingDepth, problems, "the prompt YAML", input.Limits.MaxCharacters, ReadRootKeys);
        if (root is null)
        {
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var templateNode = YamlHelpers.Get(root, "template");
        if (templateNode is null)
        {
            problems.Add(new PromptFileProblem(input.Path, 1, 1, "the prompt YAML has no 'template' key; Semantic Kernel needs the prompt text there"));
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var text = YamlHelpers.GetString(root, "template", input.Path, 0, problems);
        if (text is null)
        {
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        var flavor = FlavorOf(YamlHelpers.GetString(root, "template_format", input.Path, 0, problems));
        string? model = null;
        SourceLocation? modelLocation = null;
        int? cap = null;
        var settingsNode = YamlHelpers.Get(root, "execution_settings");
        // A mapping of service id to settings, or (an older schema) a list of settings objects: the first is the default
        // unless one names its service_id "default".
        var services = settingsNode switch
        {
            YamlMappingNode byService => byService.Children.Select(p => ((p.Key as YamlScalarNode)?.Value ?? string.Empty, p.Value)),
            YamlSequenceNode list => list.Children.Select(item => ((YamlHelpers.Get(item as YamlMappingNode, "service_id") as YamlScalarNode)?.Value ?? string.Empty, item)),
            _ => Enumerable.Empty<(string, YamlNode)>(),
        };
        foreach (var service in OrderServices(services))
        {
            if (service.Value is not YamlMappingNode values)
            {
                continue;
            }

            // Every service's values are checked, so a bad one is reported even when an earlier service gives the cap.
            var maxTokens = YamlHelpers.GetPositiveInt(values, "max_tokens", input.Path, 0, problems);
            var maxCompletionTokens = YamlHelpers.GetPositiveInt(values, "max_completion_tokens", input.Path, 0, problems);
            cap ??= maxTokens ?? maxCompletionTokens;
            if (model is null && YamlHelpers.Get(values, "model_id") is YamlScalarNode modelNode && !string.IsNullOrWhiteSpace(modelNode.Value))
            {
                model = modelNode.Value;
                modelLocation = YamlHelpers.LocationOf(modelNode, input.Path, 0);
            }
        }

        // Points at the template value; for a block scalar ("template: |") that is the key line.
        var line = YamlHelpers.Line(templateNode, 0);
        var (origin, continuation) = YamlHelpers.TextOrigin(templateNode, source, input.Path, 0);
        var template = Build(input.Id, new SourceLocation(input.Path, line, 1), text, flavor, model, modelLocation, cap, "execution_settings.default.max_tokens", YamlHelpers.Budget(root, input.Path, 0, problems), origin, continuation);
        return PromptFileResult.Of(template, problems);
    }

    /// <summary>Reads an <c>skprompt.txt</c>, with the <c>config.json</c> beside it when there is one.</summary>
    public static PromptFileResult ReadSkPrompt(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        string? model = null;
        int? cap = null;
        var config = input.Companions?.Invoke("config.json");
        if (config is { } found)
        {
            ReadConfig(found.Path, found.Text, problems, ref model, ref cap);
        }

        var text = TextNormalizer.NormalizeLineEndings(input.Text);
        if (text.Trim().Length == 0)
        {
            problems.Add(new PromptFileProblem(input.Path, 1, 1, "skprompt.txt is empty"));
            return new PromptFileResult(System.Array.Empty<PromptTemplate>(), problems);
        }

        // Semantic Kernel sends an skprompt.txt without <message> tags as it reads it (File.ReadAllText drops only a
        // byte order mark): its trailing newline is sent and counted, as a .txt/.md template's is.
        var template = Build(input.Id, new SourceLocation(input.Path, 1, 1), text.TrimStart('\uFEFF'), TemplateFlavor.SemanticKernel, model, null, cap, "execution_settings.default.max_tokens in config.json", null, new SourceLocation(input.Path, 1, 1), 1, sentAsWritten: true);
        return PromptFileResult.Of(template, problems);
    }

    private static void ReadConfig(string path, string json, List<PromptFileProblem> problems, ref string? model, ref int? cap)
    {
        json = json.TrimStart('\uFEFF');
        if (json.Trim().Length == 0)
        {
            // An empty config.json beside an skprompt.txt (dotnet/ai-samples ships some) declares nothing: no settings, no problem.
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new PromptFileProblem(path, 1, 1, "config.json must hold a JSON object"));
                return;
            }

            var services = new List<(string, (string[] Path, JsonElement Value))>();
            if (root.TryGetProperty("execution_settings", out var settings) && settings.ValueKind == JsonValueKind.Object)
            {
                services.AddRange(settings.EnumerateObject().Select(p => (p.Name, (new[] { "execution_settings", p.Name }, p.Value))));
            }
            else if (settings.ValueKind == JsonValueKind.Array)
            {
                // An older schema listed the settings objects in an array; the first is the default unless one names its service "default".
                services.AddRange(settings.EnumerateArray().Select((item, i) => (ServiceIdOf(item) ?? "execution_settings[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", (new[] { "execution_settings", i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, item))));
            }

            // Schema 1 configs kept the settings under "completion".
            if (root.TryGetProperty("completion", out var completion) && completion.ValueKind == JsonValueKind.Object)
            {
                services.Add(("completion", (new[] { "completion" }, completion)));
            }

            JsonPositions? positions = null;
            foreach (var (name, (settingsPath, value)) in OrderServices(services))
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                // Every service's values are checked, so a bad one is reported even when an earlier service gives the cap.
                foreach (var key in new[] { "max_tokens", "max_completion_tokens" })
                {
                    if (!value.TryGetProperty(key, out var number))
                    {
                        continue;
                    }

                    if (number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var parsed) && parsed > 0)
                    {
                        cap ??= parsed;
                    }
                    else
                    {
                        positions ??= JsonPositions.Of(json, ConfigReaderOptions, 3);
                        var (line, column) = positions.Get(settingsPath.Concat(new[] { key }));
                        problems.Add(new PromptFileProblem(path, line, column, $"'{name}.{key}' at line {line} of config.json must be a positive whole number"));
                    }
                }

                if (model is null && value.TryGetProperty("model_id", out var modelId) && modelId.ValueKind == JsonValueKind.String)
                {
                    model = modelId.GetString();
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            problems.Add(new PromptFileProblem(path, line, (int)(ex.BytePositionInLine ?? 0) + 1, $"invalid JSON in config.json at line {line}"));
        }
    }

    private static string? ServiceIdOf(JsonElement item)
        => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("service_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name ? name : null;

    // "default" settings first, then the rest in file order.
    private static IEnumerable<(string Name, T Value)> OrderServices<T>(IEnumerable<(string Name, T Value)> services)
        => services.OrderBy(s => s.Name == "default" ? 0 : 1);

    private static TemplateFlavor FlavorOf(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "handlebars" => TemplateFlavor.Mustache,
        "liquid" => TemplateFlavor.Liquid,
        "jinja2" => TemplateFlavor.Jinja,
        _ => TemplateFlavor.SemanticKernel,
    };

    private static PromptTemplate Build(string id, SourceLocation location, string text, TemplateFlavor flavor, string? model, SourceLocation? modelLocation, int? cap, string capSetting, int? budget, SourceLocation? origin, int continuationColumn, bool sentAsWritten = false)
    {
        // Findings about the text are reported where it is in the file: each message's body from where it starts.
        var messages = ChatPromptTags.Messages(text)
            .Select(m => new PromptMessage(m.Role, TemplateSyntax.Split(m.Body, flavor, TemplateSyntax.Advance(origin, continuationColumn, text, m.Start), continuationColumn)))
            .ToList();

        if (messages.Count == 0)
        {
            var start = TemplateSyntax.Advance(origin, continuationColumn, text, sentAsWritten ? 0 : text.Length - text.TrimStart().Length);
            messages.Add(new PromptMessage(PromptRole.User, TemplateSyntax.Split(sentAsWritten ? text : text.Trim(), flavor, start, continuationColumn)));
        }

        return new PromptTemplate(
            id,
            location,
            messages[0].Role,
            messages,
            model: model,
            modelLocation: modelLocation,
            outputCap: cap,
            outputCapStatus: cap is null ? OutputCapStatus.Missing : OutputCapStatus.Declared,
            outputCapSetting: capSetting,
            budget: budget);
    }
}
