using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromptLint.Meter.Tests;

/// <summary>
/// A local HTTP server on 127.0.0.1 that answers /v1/chat/completions with recorded OpenAI wire-format responses
/// (JSON, or server-sent events when the request streams), and keeps the request bodies it received.
/// </summary>
public sealed class RecordedOpenAiServer : IDisposable
{
    public const string Completion = """
        {"id":"chatcmpl-rec1","object":"chat.completion","created":1732550000,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"Your parcel ships tomorrow.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1200,"completion_tokens":8,"total_tokens":1208,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_rec"}
        """;

    public static readonly string[] StreamChunks =
    {
        """{"id":"chatcmpl-rec2","object":"chat.completion.chunk","created":1732550001,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_rec","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}""",
        """{"id":"chatcmpl-rec2","object":"chat.completion.chunk","created":1732550001,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_rec","choices":[{"index":0,"delta":{"content":"Ships "},"logprobs":null,"finish_reason":null}],"usage":null}""",
        """{"id":"chatcmpl-rec2","object":"chat.completion.chunk","created":1732550001,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_rec","choices":[{"index":0,"delta":{"content":"tomorrow."},"logprobs":null,"finish_reason":null}],"usage":null}""",
        """{"id":"chatcmpl-rec2","object":"chat.completion.chunk","created":1732550001,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_rec","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}""",
        """{"id":"chatcmpl-rec2","object":"chat.completion.chunk","created":1732550001,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_rec","choices":[],"usage":{"prompt_tokens":60,"completion_tokens":3,"total_tokens":63,"prompt_tokens_details":{"cached_tokens":32,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""",
    };

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public RecordedOpenAiServer()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public List<string> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (Requests)
            {
                Requests.Add(body);
            }

            var streaming = body.Contains("\"stream\":true", StringComparison.Ordinal);
            var payload = streaming
                ? string.Concat(StreamChunks.Select(c => "data: " + c + "\n\n")) + "data: [DONE]\n\n"
                : Completion;
            var bytes = Encoding.UTF8.GetBytes(payload);
            context.Response.StatusCode = 200;
            context.Response.ContentType = streaming ? "text/event-stream" : "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
