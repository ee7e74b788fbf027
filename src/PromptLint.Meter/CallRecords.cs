using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>A call's attribution, bounded, ready to become tags.</summary>
internal readonly struct Dims
{
    public Dims(string promptId, string route, string tenant, KeyValuePair<string, object?>[]? custom)
    {
        PromptId = promptId;
        Route = route;
        Tenant = tenant;
        Custom = custom;
    }

    public string PromptId { get; }

    public string Route { get; }

    public string Tenant { get; }

    public KeyValuePair<string, object?>[]? Custom { get; }
}

/// <summary>Where calls go: <c>gen_ai.provider.name</c>, and <c>server.address</c>/<c>server.port</c> when the inner client says.</summary>
internal readonly struct Endpoint
{
    public Endpoint(string provider, Uri? uri)
    {
        Provider = provider;
        Address = uri?.Host;

        // Boxed once: a tag value is an object, and boxing per call would allocate.
        Port = uri?.Port;
    }

    public string Provider { get; }

    public string? Address { get; }

    public object? Port { get; }
}

/// <summary>Who a call is for.</summary>
internal readonly struct Attribution
{
    public Attribution(string? promptId, string? route, string? tenant, IReadOnlyList<KeyValuePair<string, string>>? custom = null)
    {
        Custom = custom;
        PromptId = promptId;
        Route = route;
        Tenant = tenant;
    }

    public string? PromptId { get; }

    public string? Route { get; }

    public string? Tenant { get; }

    /// <summary>User-defined dimensions that the options allow, in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Custom { get; }
}

/// <summary>Token usage of one call.</summary>
internal readonly struct Usage
{
    public Usage(long input, long output, long cachedInput, long reasoning, bool estimated, long cacheWrite = 0)
    {
        CacheWrite = cacheWrite;
        Input = input;
        Output = output;
        CachedInput = cachedInput;
        Reasoning = reasoning;
        Estimated = estimated;
    }

    public long Input { get; }

    public long Output { get; }

    public long CachedInput { get; }

    public long Reasoning { get; }

    public long CacheWrite { get; }

    public bool Estimated { get; }
}

/// <summary>A model's catalog entry (null: no price known) and its prices per token in USD, converted from decimal once.</summary>
internal sealed class PriceEntry
{
    public PriceEntry(string model, ModelInfo? info)
    {
        Model = model;
        Info = info;
        if (info is not null)
        {
            InputPerToken = (double)info.Input / 1_000_000d;
            CachedInputPerToken = (double)(info.CachedInput ?? info.Input) / 1_000_000d;
            CacheWritePerToken = (double)(info.CacheWrite ?? info.Input) / 1_000_000d;
            OutputPerToken = (double)info.Output / 1_000_000d;
        }
    }

    public string Model { get; }

    public ModelInfo? Info { get; }

    public double InputPerToken { get; }

    public double CachedInputPerToken { get; }

    public double CacheWritePerToken { get; }

    public double OutputPerToken { get; }
}
