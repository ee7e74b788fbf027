using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.Extensions.AI;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Meter;

/// <summary>
/// Counts a request's input as it is sent: the text of every content kind in the messages (text, reasoning, function
/// calls with their arguments, function and tool results, URIs, file ids, text data), the instructions, the response
/// format's schema and the tool definitions in <see cref="ChatOptions.Tools"/> (as the build counts them:
/// <c>{"type":"function","function":{…}}</c>). Binary data (images, audio, PDF) is not counted: providers price it
/// by its own rules, and the provider's reported usage settles it.
/// <para>
/// Memory stays bounded: a count is remembered per content object (weakly, so it goes with the conversation), which
/// makes a growing conversation cost only its new messages; and the meter counts through a registry of its own whose
/// count cache is dropped when it passes <see cref="MaxCachedCounts"/> entries, never through the process-wide one.
/// </para>
/// </summary>
internal sealed class InputCounter
{
    /// <summary>Entries the meter's own count cache may hold before it is dropped.</summary>
    internal const int MaxCachedCounts = 4096;

    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    // As a provider adapter writes arguments and results: Microsoft.Extensions.AI's options, without indentation.
    private static readonly JsonSerializerOptions Wire = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    // Model names a caller sends are not bounded: their encodings are remembered for a few hundred, then forgotten.
    private const int MaxModels = 256;

    private readonly ConditionalWeakTable<object, Counted> _counted = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _encodings = new(StringComparer.OrdinalIgnoreCase);
    private TokenizerRegistry _registry = new();

    /// <summary>Entries in the meter's count cache now (for tests).</summary>
    internal int CachedCounts => Volatile.Read(ref _registry).CachedCounts;

    public int Count(IList<ChatMessage> messages, ChatOptions? options, string model)
    {
        var encoding = EncodingFor(model);
        var total = 0;
        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            foreach (var content in message.Contents)
            {
                total += Remembered(content, encoding);
            }
        }

        if (options is not null)
        {
            if (!string.IsNullOrEmpty(options.Instructions))
            {
                total += Remembered(options.Instructions!, encoding);
            }

            if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } } json)
            {
                total += Remembered(json, encoding);
            }

            if (options.Tools is { Count: > 0 } tools)
            {
                foreach (var tool in tools)
                {
                    if (tool is not null)
                    {
                        total += Remembered(tool, encoding);
                    }
                }
            }
        }

        return total;
    }

    /// <summary>Counts plain text (a streamed answer) without remembering it per object.</summary>
    public int CountText(string text, string model) => Text(text, EncodingFor(model));

    private string EncodingFor(string model)
    {
        if (_encodings.TryGetValue(model, out var encoding))
        {
            return encoding;
        }

        if (_encodings.Count >= MaxModels)
        {
            _encodings.Clear();
        }

        // A throw-away registry: the process-wide one remembers every model name it resolves.
        encoding = new TokenizerRegistry().Resolve(model).Encoding;
        _encodings[model] = encoding;
        return encoding;
    }

    // The count of an object's text, remembered while the object lives. The source its text came from (a string, a
    // result object) is kept alongside, so a content whose text was replaced is counted again.
    private int Remembered(object item, string encoding)
    {
        var source = Source(item);
        if (_counted.TryGetValue(item, out var known) && known.Matches(encoding, source))
        {
            return known.Tokens;
        }

        var tokens = Text(TextOf(item), encoding);
#if NET8_0_OR_GREATER
        _counted.AddOrUpdate(item, new Counted(encoding, source, tokens));
#else
        _counted.Remove(item);
        _counted.Add(item, new Counted(encoding, source, tokens));
#endif
        return tokens;
    }

    private int Text(string text, string encoding)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var registry = Volatile.Read(ref _registry);
        var tokens = registry.Count(encoding, text);
        if (registry.CachedCounts > MaxCachedCounts)
        {
            // Distinct texts are the normal case at run time (every user message differs): drop the lot, not one by one.
            Interlocked.CompareExchange(ref _registry, new TokenizerRegistry(), registry);
        }

        return tokens;
    }

    private static object? Source(object item) => item switch
    {
        TextContent text => text.Text,
        TextReasoningContent reasoning => reasoning.Text,
        FunctionCallContent call => call.Arguments,
        FunctionResultContent result => result.Result,
        _ => null,
    };

    // What goes on the wire for each kind, as text.
    internal static string TextOf(object item)
    {
        switch (item)
        {
            case string text:
                return text;
            case TextContent text:
                return text.Text ?? string.Empty;
            case TextReasoningContent reasoning:
                return reasoning.Text ?? string.Empty;
            case FunctionCallContent call:
                return call.CallId + " " + call.Name + " " + Json(call.Arguments);
            case FunctionResultContent result:
                return result.CallId + " " + (result.Result as string ?? Json(result.Result));
            case UriContent uri:
                return uri.Uri.ToString();
            case HostedFileContent file:
                return file.FileId;
            case ErrorContent error:
                return error.Message;
            case DataContent data:
                return IsText(data.MediaType) ? Encoding.UTF8.GetString(data.Data.ToArray()) : string.Empty;
            case UsageContent:
                return string.Empty;
            case AIFunctionDeclaration function:
                return FunctionTool(function);
            case AITool tool:
                return "{\"type\":\"" + tool.Name + "\"}";
            case ChatResponseFormatJson format:
                return format.SchemaName + " " + format.SchemaDescription + " " + format.Schema!.Value.GetRawText();
            case AIContent other:
                // Kinds added after this was written (tool calls of hosted tools, approvals): their JSON form.
                return Json(other, typeof(AIContent));
            default:
                return string.Empty;
        }
    }

    private static bool IsText(string mediaType)
        => mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("xml", StringComparison.OrdinalIgnoreCase);

    private static string Json(object? value, Type? type = null)
    {
        if (value is null)
        {
            return string.Empty;
        }

        try
        {
            return JsonSerializer.Serialize(value, type ?? value.GetType(), Wire);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // A type the serializer cannot write is not sent as JSON either: its text form is what is left.
            return value.ToString() ?? string.Empty;
        }
    }

    // The build's form of a Microsoft.Extensions.AI function tool (ToolSchemaBuilder.FunctionTool over
    // OpenAiToolWire.Parameters): what the OpenAI adapter sends, description always written, parameters rewritten by
    // the shared OpenAiFunctionParameters, so runtime and build counts agree.
    private static string FunctionTool(AIFunctionDeclaration function)
    {
        using var stream = new System.IO.MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Compact))
        {
            w.WriteStartObject();
            w.WriteString("type", "function");
            w.WritePropertyName("function");
            w.WriteStartObject();
            w.WriteString("description", function.Description ?? string.Empty);
            w.WriteString("name", function.Name);
            w.WritePropertyName("parameters");
            PromptLint.Tools.OpenAiFunctionParameters.Write(w, function.JsonSchema);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class Counted
    {
        private readonly string _encoding;
        private readonly object? _source;

        public Counted(string encoding, object? source, int tokens)
        {
            _encoding = encoding;
            _source = source;
            Tokens = tokens;
        }

        public int Tokens { get; }

        public bool Matches(string encoding, object? source) => string.Equals(_encoding, encoding, StringComparison.Ordinal) && ReferenceEquals(_source, source);
    }
}
