using System;
using System.Collections.Generic;
using System.Threading;

namespace PromptLint.Cli.Traffic;

/// <summary>What <c>promptlint traffic</c> was asked to do.</summary>
internal sealed class TrafficOptions
{
    /// <summary>The query API's base address; null with <see cref="SavedResponses"/>.</summary>
    public string? Prometheus { get; set; }

    /// <summary>Saved answers: <c>calls=FILE</c>, <c>input=FILE</c>, <c>output=FILE</c>, or plain files in that order.</summary>
    public List<string> SavedResponses { get; set; } = new();

    public string Window { get; set; } = "7d";

    public string? QueryFile { get; set; }

    public string OutputPath { get; set; } = "promptlint.traffic.json";

    /// <summary>The window's end (ISO 8601 or Unix seconds); null: now. Saved answers carry their own.</summary>
    public string? End { get; set; }

    public string Timeout { get; set; } = "60s";

    public string CurrentDirectory { get; set; } = ".";

    /// <summary>The bearer token (from <see cref="PrometheusQueryApi.TokenVariable"/>).</summary>
    public string? Token { get; set; }

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public CancellationToken Cancellation { get; set; }

    /// <summary>For tests: the handler the HTTP client sends through.</summary>
    public System.Net.Http.HttpMessageHandler? Handler { get; set; }
}
