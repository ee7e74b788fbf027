using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// A tool as an SDK puts it on the wire to OpenAI: the <see cref="ChatTool"/> it builds, written by the OpenAI SDK's own
/// serializer, made compact (the model reads the schema, not the spacing). The oracle of the tool-schema tests.
/// </summary>
internal static class ToolWireOracle
{
    /// <summary>An <c>AIFunction</c> (or an MCP tool's declaration) as Microsoft.Extensions.AI's OpenAI adapter sends it.</summary>
    public static string Of(AIFunctionDeclaration function) => Of(function.AsOpenAIChatTool());

    /// <summary>A chat tool as the OpenAI SDK writes it into the request.</summary>
    public static string Of(ChatTool tool)
    {
        var written = ModelReaderWriter.Write(tool, ModelReaderWriterOptions.Json).ToString();
        using var document = JsonDocument.Parse(written);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
