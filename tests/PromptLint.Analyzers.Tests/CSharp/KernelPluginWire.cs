using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// The tools Semantic Kernel's OpenAI connector really puts into a chat request: the request is sent to a handler that
/// keeps its body and answers with an error, and each entry of its <c>tools</c> array is returned as compact JSON.
/// The oracle of the plugin tool tests (issue 33): what a kernel with plugins offers under a function choice behavior.
/// </summary>
internal static class KernelPluginWire
{
    /// <summary>The request body's <c>tools</c> (compact JSON, in order) and <c>tool_choice</c>, for one send.</summary>
    public static async Task<(IReadOnlyList<string> Tools, string? ToolChoice)> SentAsync(Kernel kernel, PromptExecutionSettings settings)
    {
        var capture = new CapturingHandler();
        using var http = new HttpClient(capture);
        var service = new OpenAIChatCompletionService("gpt-4o-mini", "not-a-key", httpClient: http);
        try
        {
            await service.GetChatMessageContentAsync(new ChatHistory("Be brief."), settings, kernel);
        }
        catch (Exception)
        {
            // The handler answers 400: only the request matters.
        }

        Assert.True(capture.Body is not null, "the connector sent no request");
        using var document = JsonDocument.Parse(capture.Body!);
        var tools = document.RootElement.TryGetProperty("tools", out var list) ? list.EnumerateArray().Select(Compact).ToList() : new List<string>();
        var choice = document.RootElement.TryGetProperty("tool_choice", out var chosen) ? Compact(chosen) : null;
        return (tools, choice);
    }

    /// <summary>A kernel with the plugins of a compiled assembly's types added the way <c>AddFromType&lt;T&gt;(name)</c> adds them.</summary>
    public static Kernel KernelWith(Assembly assembly, params (string Type, string? PluginName)[] plugins)
    {
        var kernel = new Kernel();
        foreach (var (type, name) in plugins)
        {
            var resolved = assembly.GetType(type)!;
            kernel.Plugins.AddFromObject(Activator.CreateInstance(resolved)!, name ?? resolved.Name);
        }

        return kernel;
    }

    private static string Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body ??= request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{}") };
        }
    }
}
