using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Meter;

/// <summary>
/// Meters every call through the pipeline — tokens, cost, outcome — attributed to prompt id, route and tenant, and
/// enforces the configured budgets before the call (input size, output cap). Counting uses the same tokenizer
/// registry as the build, prices the same catalog. What the caller sees is the inner client's result or exception.
/// </summary>
public sealed class PromptLintChatClient : DelegatingChatClient
{
    private readonly PromptLintMeterOptions _options;
    private readonly PromptLintMetrics _metrics;
    private readonly ModelCatalog _catalog;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public PromptLintChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null)
        : base(innerClient)
    {
        _options = options ?? new PromptLintMeterOptions();
        _metrics = metrics ?? new PromptLintMetrics(_options.MeterName, _options.MaxDistinctValuesPerDimension);
        _catalog = catalog ?? ModelCatalog.Shipped;
    }

    /// <summary>The instruments, for <see cref="PromptLintMetrics.RecordOutcome"/>.</summary>
    public PromptLintMetrics Metrics => _metrics;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (attribution, model, effective) = Prepare(list, options);
        var reservation = await ReserveAsync(attribution, list, model, effective, cancellationToken).ConfigureAwait(false);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, effective, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _metrics.RecordRequest(attribution, model, "error");
            await SettleAsync(reservation, 0, attribution).ConfigureAwait(false);
            throw;
        }

        var usage = response.Usage is { } details ? FromDetails(details) : Estimate(list, response.Text, model);
        await SettleAsync(reservation, usage.Input + usage.Output, attribution).ConfigureAwait(false);
        Record(attribution, model, response.ModelId, usage);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (attribution, model, effective) = Prepare(list, options);
        UsageDetails? usage = null;
        string? responseModel = null;
        var text = new StringBuilder();
        var enumerator = base.GetStreamingResponseAsync(list, effective, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = enumerator.Current;
                }
                catch
                {
                    _metrics.RecordRequest(attribution, model, "error");
                    throw;
                }

                responseModel ??= update.ModelId;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent usageContent)
                    {
                        usage ??= new UsageDetails();
                        usage.Add(usageContent.Details);
                    }
                }

                text.Append(update.Text);
                yield return update;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        // Providers that send no usage get their output counted from the streamed text, labelled estimated.
        Record(attribution, model, responseModel, usage is not null ? FromDetails(usage) : Estimate(list, text.ToString(), model));
    }

    // Reserves the call's worst case (input + output cap) in the tenant's window before the call is sent.
    private async Task<Quotas.QuotaReservation?> ReserveAsync(Attribution attribution, IList<ChatMessage> messages, string model, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (_options.TenantTokenQuota is not { } limit || attribution.Tenant is not { } tenant)
        {
            return null;
        }

        var outputCap = options?.MaxOutputTokens ?? _catalog.Find(model)?.MaxOutputTokens ?? 4096;
        var worst = CountInput(messages, model) + (long)outputCap;
        var now = _options.TimeProvider.GetUtcNow();
        var windowTicks = _options.QuotaWindow.Ticks;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % windowTicks), TimeSpan.Zero);
        var bucket = tenant + ":" + start.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Quotas.QuotaReservation reservation;
        try
        {
            reservation = await _options.QuotaStore.ReserveAsync(bucket, worst, limit, _options.QuotaWindow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics.RecordStoreError(attribution);
            if (_options.QuotaStoreFailure == Quotas.QuotaStoreFailureMode.FailClosed)
            {
                _metrics.RecordRequest(attribution, model, "rejected");
                throw new Quotas.QuotaStoreUnavailableException(ex);
            }

            return null;
        }

        if (!reservation.Granted)
        {
            _metrics.RecordRequest(attribution, model, "rejected");
            throw new Quotas.QuotaExceededException(tenant, limit, reservation.Used, worst, start + _options.QuotaWindow);
        }

        return reservation;
    }

    private async Task SettleAsync(Quotas.QuotaReservation? reservation, long actual, Attribution attribution)
    {
        if (reservation is null)
        {
            return;
        }

        try
        {
            await _options.QuotaStore.SettleAsync(reservation, actual, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            _metrics.RecordStoreError(attribution);
        }
    }

    private (Attribution Attribution, string Model, ChatOptions? Options) Prepare(IList<ChatMessage> messages, ChatOptions? options)
    {
        var scope = PromptLintScope.Current;
        var attribution = new Attribution(
            Get(options, PromptLintChatOptionsExtensions.PromptIdKey) ?? scope?.PromptId,
            Get(options, PromptLintChatOptionsExtensions.RouteKey) ?? scope?.Route,
            Get(options, PromptLintChatOptionsExtensions.TenantKey) ?? scope?.Tenant);
        var model = options?.ModelId ?? _options.DefaultModel ?? TokenizerRegistry.DefaultModel;

        if (_options.MaxInputTokens is { } limit)
        {
            var input = CountInput(messages, model);
            if (input > limit)
            {
                _metrics.RecordRequest(attribution, model, "rejected");
                throw new PromptBudgetExceededException(attribution.PromptId, input, limit);
            }
        }

        if (_options.MaxOutputTokens is { } cap && (options?.MaxOutputTokens is null || options.MaxOutputTokens > cap))
        {
            // The caller's options are theirs: the cap goes on a copy.
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = cap;
        }

        return (attribution, model, options);
    }

    private void Record(Attribution attribution, string model, string? responseModel, Usage usage)
    {
        _metrics.RecordRequest(attribution, model, "success");
        if (attribution.PromptId is { } id && _options.StaticFootprints.TryGetValue(id, out var footprint))
        {
            _metrics.RecordDrift(attribution, usage.Input - footprint);
        }

        _metrics.RecordUsage(attribution, _options.ProviderName, model, responseModel, usage, _catalog.Find(responseModel ?? model) ?? _catalog.Find(model));
    }

    private static Usage FromDetails(UsageDetails details)
        => new(details.InputTokenCount ?? 0, details.OutputTokenCount ?? 0, details.CachedInputTokenCount ?? 0, details.ReasoningTokenCount ?? 0, estimated: false);

    private static Usage Estimate(IList<ChatMessage> messages, string output, string model)
        => new(CountInput(messages, model), TokenizerRegistry.Shared.Count(TokenizerRegistry.Shared.Resolve(model), output), 0, 0, estimated: true);

    private static int CountInput(IList<ChatMessage> messages, string model)
    {
        var choice = TokenizerRegistry.Shared.Resolve(model);
        return messages.Sum(m => TokenizerRegistry.Shared.Count(choice, m.Text ?? string.Empty));
    }

    private static string? Get(ChatOptions? options, string key)
        => options?.AdditionalProperties is { } properties && properties.TryGetValue(key, out var value) ? value?.ToString() : null;
}

/// <summary>Adds the meter to a chat client pipeline, in the style of <c>UseOpenTelemetry()</c>.</summary>
public static class PromptLintChatClientBuilderExtensions
{
    /// <summary><c>builder.UsePromptLintMeter(o => o.MaxOutputTokens = 1024)</c>.</summary>
    public static ChatClientBuilder UsePromptLintMeter(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new PromptLintMeterOptions();
        configure?.Invoke(options);
        var metrics = new PromptLintMetrics(options.MeterName, options.MaxDistinctValuesPerDimension);
        return builder.Use(inner => new PromptLintChatClient(inner, options, metrics));
    }
}
