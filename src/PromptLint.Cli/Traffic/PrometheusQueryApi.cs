using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Cli.Traffic;

/// <summary>
/// <c>GET {base}/api/v1/query?query=…&amp;time=…</c> on a Prometheus-compatible query API, with an optional bearer
/// token from <see cref="TokenVariable"/> (never from the command line, so it stays out of shell history and CI logs).
/// </summary>
internal sealed class PrometheusQueryApi : IDisposable
{
    /// <summary>The environment variable that holds the bearer token, if the API needs one.</summary>
    public const string TokenVariable = "PROMPTLINT_PROMETHEUS_TOKEN";

    // A grouped instant vector is small; anything near this is a query that was not grouped.
    private const int MaxAnswerBytes = 64 * 1024 * 1024;

    // HttpClient takes at most about 24 days; a day is already far more than any query API waits.
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    private readonly HttpClient _http;
    private readonly Uri _query;
    private readonly bool _hasToken;

    private PrometheusQueryApi(Uri query, string? token, TimeSpan timeout, HttpMessageHandler? handler)
    {
        _query = query;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = timeout;
        _http.MaxResponseContentBufferSize = MaxAnswerBytes;
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _hasToken = !string.IsNullOrWhiteSpace(token);
        if (_hasToken)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Trim());
        }
    }

    /// <summary>What the traffic file's <c>source</c> names: the base address without user information or query.</summary>
    public string Display { get; private set; } = string.Empty;

    /// <summary>The API, or null with a problem when the address is not an absolute http(s) URL.</summary>
    public static PrometheusQueryApi? Create(string baseUrl, string? token, TimeSpan timeout, out string? problem, HttpMessageHandler? handler = null)
    {
        problem = null;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"--prometheus '{baseUrl}' is not an http(s) address. Give the query API's base, such as http://prometheus:9090 (Mimir: http://mimir/prometheus).";
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/api/v1/query", StringComparison.Ordinal))
        {
            path += "/api/v1/query";
        }

        if (!string.IsNullOrWhiteSpace(token) && !AuthenticationHeaderValue.TryParse("Bearer " + token!.Trim(), out _))
        {
            problem = $"the token in {TokenVariable} cannot be sent as an HTTP header (it holds a line break or another character headers cannot carry). Set it to the token alone.";
            return null;
        }

        if (timeout > MaxTimeout)
        {
            problem = $"--timeout is longer than a day. Give a shorter one (60s, 5m).";
            return null;
        }

        var query = new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        return new PrometheusQueryApi(query, token, timeout, handler) { Display = new UriBuilder(uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath).Uri.ToString().TrimEnd('/') };
    }

    /// <summary>The address a query is sent to (for tests and messages).</summary>
    public Uri For(string promql, DateTimeOffset time)
        => new(_query + "?query=" + Uri.EscapeDataString(promql) + "&time=" + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>The answer's text, or null with a problem (status, time-out, refused connection).</summary>
    public async Task<(string? Body, string? Problem)> QueryAsync(string promql, DateTimeOffset time, TimeSpan timeout, CancellationToken cancellation)
    {
        var address = For(promql, time);
        try
        {
            using var response = await _http.GetAsync(address, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }

            var status = (int)response.StatusCode;
            var detail = PrometheusVector.ErrorOf(body) is { } error ? ": " + error : string.Empty;
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? (_hasToken ? $" The token in {TokenVariable} was refused: check it and its scope." : $" Put a bearer token in the environment variable {TokenVariable}.")
                : response.StatusCode == HttpStatusCode.NotFound ? " Check the base address: the API is at <base>/api/v1/query." : string.Empty;
            return (null, $"the query API answered HTTP {status} {response.ReasonPhrase}{detail}.{hint}");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the command's action says "promptlint: cancelled" and exits 130, as every command does.
            throw;
        }
        catch (OperationCanceledException)
        {
            return (null, $"the query API did not answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s. Raise --timeout, or narrow the query.");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"cannot reach the query API at {Display}: {ex.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
