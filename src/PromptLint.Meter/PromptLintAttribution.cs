using System;
using System.Threading;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>One-line attribution of a call: <c>options.ForPrompt("support.triage").ForTenant(tenantId)</c>.</summary>
public static class PromptLintChatOptionsExtensions
{
    /// <summary>Key of the prompt id in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string PromptIdKey = "promptlint.prompt_id";

    /// <summary>Key of the route.</summary>
    public const string RouteKey = "promptlint.route";

    /// <summary>Key of the tenant.</summary>
    public const string TenantKey = "promptlint.tenant";

    /// <summary>Attributes the call to a prompt id (the id the build's baseline and report use).</summary>
    public static ChatOptions ForPrompt(this ChatOptions options, string promptId) => Set(options, PromptIdKey, promptId);

    /// <summary>Attributes the call to a tenant.</summary>
    public static ChatOptions ForTenant(this ChatOptions options, string tenant) => Set(options, TenantKey, tenant);

    /// <summary>Attributes the call to a route.</summary>
    public static ChatOptions ForRoute(this ChatOptions options, string route) => Set(options, RouteKey, route);

    /// <summary>Prefix of user-defined dimensions in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string DimensionPrefix = "promptlint.dim.";

    /// <summary>
    /// A dimension of your own (e.g. <c>feature</c>, <c>plan</c>), recorded as the tag <c>promptlint.&lt;name&gt;</c> when
    /// the name is listed in <see cref="PromptLintMeterOptions.Dimensions"/>; bounded like the others.
    /// </summary>
    public static ChatOptions WithDimension(this ChatOptions options, string name, string value) => Set(options, DimensionPrefix + name, value);

    private static ChatOptions Set(ChatOptions options, string key, string value)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.AdditionalProperties ??= new AdditionalPropertiesDictionary();
        options.AdditionalProperties[key] = value;
        return options;
    }
}

/// <summary>
/// Ambient attribution for every call made inside it, so ASP.NET Core middleware can set route and tenant once per
/// request: <c>using (PromptLintScope.Begin(route: "/tickets", tenant: "acme")) { … }</c>. Values on the call's options win.
/// </summary>
public sealed class PromptLintScope : IDisposable
{
    private static readonly AsyncLocal<PromptLintScope?> CurrentScope = new();

    // Until a scope is opened, nothing can be in one: calls skip the AsyncLocal read.
    private static volatile bool s_used;
    private readonly PromptLintScope? _previous;
    private bool _disposed;

    private PromptLintScope(string? route, string? tenant, string? promptId)
    {
        Route = route;
        Tenant = tenant;
        PromptId = promptId;
        s_used = true;
        _previous = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>The innermost scope of the current async flow, if any.</summary>
    public static PromptLintScope? Current => s_used ? CurrentScope.Value : null;

    /// <summary>Route of the scope.</summary>
    public string? Route { get; }

    /// <summary>Tenant of the scope.</summary>
    public string? Tenant { get; }

    /// <summary>Prompt id of the scope.</summary>
    public string? PromptId { get; }

    /// <summary>Opens a scope; dispose it to restore the outer one.</summary>
    public static PromptLintScope Begin(string? route = null, string? tenant = null, string? promptId = null) => new(route, tenant, promptId);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CurrentScope.Value = _previous;
        }
    }
}
