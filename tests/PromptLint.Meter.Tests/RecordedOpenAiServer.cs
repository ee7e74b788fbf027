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

    /// <summary>How the next requests are answered (recorded responses by default).</summary>
    public ServerBehaviour Behaviour { get; set; }

    /// <summary>For <see cref="ServerBehaviour.Status"/>.</summary>
    public int FailureStatus { get; set; } = 500;

    /// <summary>For the stream behaviours: how many of <see cref="StreamChunks"/> are sent before the failure.</summary>
    public int ChunksBeforeFailure { get; set; } = 3;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (Requests)
            {
                Requests.Add(body);
            }

            var streaming = body.Contains("\"stream\":true", StringComparison.Ordinal);
            switch (Behaviour)
            {
                case ServerBehaviour.Status:
                    await WriteAsync(context, FailureStatus, "application/json", """{"error":{"message":"recorded failure","type":"server_error","param":null,"code":null}}""");
                    return;
                case ServerBehaviour.Hang:
                    await _stopped.Task;
                    context.Response.Abort();
                    return;
                case ServerBehaviour.BreakAfterChunks:
                case ServerBehaviour.StallAfterChunks:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/event-stream";
                    // A length longer than what is sent: the client sees the connection drop mid-body, as it would.
                    context.Response.ContentLength64 = 1 << 20;
                    foreach (var chunk in StreamChunks.Take(ChunksBeforeFailure))
                    {
                        var bytes = Encoding.UTF8.GetBytes("data: " + chunk + "\n\n");
                        await context.Response.OutputStream.WriteAsync(bytes);
                        await context.Response.OutputStream.FlushAsync();
                    }

                    if (Behaviour == ServerBehaviour.StallAfterChunks)
                    {
                        await _stopped.Task;
                    }

                    context.Response.Abort();
                    return;
            }

            var payload = streaming
                ? string.Concat(StreamChunks.Select(c => "data: " + c + "\n\n")) + "data: [DONE]\n\n"
                : Completion;
            await WriteAsync(context, 200, streaming ? "text/event-stream" : "application/json", payload);
        }
        catch (Exception) when (!_listener.IsListening)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (a cancelled call): nothing to answer.
        }
        catch (IOException)
        {
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string contentType, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stopped.TrySetResult();
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

/// <summary>How <see cref="RecordedOpenAiServer"/> answers.</summary>
public enum ServerBehaviour
{
    /// <summary>The recorded response.</summary>
    Recorded,
    /// <summary>An OpenAI error body with <see cref="RecordedOpenAiServer.FailureStatus"/>.</summary>
    Status,
    /// <summary>Reads the request and never answers (until the server stops).</summary>
    Hang,
    /// <summary>Streams some chunks, then drops the connection.</summary>
    BreakAfterChunks,
    /// <summary>Streams some chunks, then sends nothing more (until the server stops).</summary>
    StallAfterChunks,
}
