using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// A local HTTP listener standing in for the three GitHub REST API calls the Action's comment makes: list an issue's
/// comments (paged), create one, edit one. It keeps the comments, and a log of every request.
/// </summary>
public sealed class FakeGitHubApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private readonly List<(long Id, string Body)> _comments = new();
    private readonly List<string> _requests = new();
    private long _nextId = 1000;

    public FakeGitHubApi(string token)
    {
        Token = token;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public string Token { get; }

    /// <summary>Requests as "METHOD /path" (query string included), in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_gate) { return _requests.ToList(); } }
    }

    public IReadOnlyList<(long Id, string Body)> Comments
    {
        get { lock (_gate) { return _comments.ToList(); } }
    }

    /// <summary>A comment someone else wrote before the Action ran.</summary>
    public void AddComment(string body)
    {
        lock (_gate)
        {
            _comments.Add((_nextId++, body));
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception e)
            {
                Respond(context, 500, JsonSerializer.Serialize(new { message = e.Message }));
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        lock (_gate)
        {
            _requests.Add($"{request.HttpMethod} {request.Url.PathAndQuery}");
        }

        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            Respond(context, 401, """{"message":"Bad credentials"}""");
            return;
        }

        var segments = path.Trim('/').Split('/');
        // GET|POST /repos/{owner}/{repo}/issues/{number}/comments
        if (segments is ["repos", _, _, "issues", _, "comments"])
        {
            if (request.HttpMethod == "GET")
            {
                var page = int.TryParse(request.QueryString["page"], out var p) ? p : 1;
                var perPage = int.TryParse(request.QueryString["per_page"], out var n) ? n : 30;
                var array = new JsonArray();
                lock (_gate)
                {
                    foreach (var (id, text) in _comments.Skip((page - 1) * perPage).Take(perPage))
                    {
                        array.Add(new JsonObject { ["id"] = id, ["body"] = text, ["user"] = new JsonObject { ["login"] = "github-actions[bot]" } });
                    }
                }

                Respond(context, 200, array.ToJsonString());
                return;
            }

            if (request.HttpMethod == "POST")
            {
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                long id;
                lock (_gate)
                {
                    id = _nextId++;
                    _comments.Add((id, text));
                }

                Respond(context, 201, new JsonObject { ["id"] = id, ["body"] = text }.ToJsonString());
                return;
            }
        }

        // PATCH /repos/{owner}/{repo}/issues/comments/{id}
        if (segments is ["repos", _, _, "issues", "comments", var commentId] && request.HttpMethod == "PATCH")
        {
            var id = long.Parse(commentId, System.Globalization.CultureInfo.InvariantCulture);
            var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
            lock (_gate)
            {
                var index = _comments.FindIndex(c => c.Id == id);
                if (index < 0)
                {
                    Respond(context, 404, """{"message":"Not Found"}""");
                    return;
                }

                _comments[index] = (id, text);
            }

            Respond(context, 200, new JsonObject { ["id"] = id, ["body"] = text }.ToJsonString());
            return;
        }

        Respond(context, 404, """{"message":"Not Found"}""");
    }

    private static void Respond(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }
}
