using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.AspNetCore;

/// <summary>
/// <c>app.UsePromptLintRejections()</c>: a call the meter refused becomes an HTTP answer the client can act on instead of
/// a 500 — <see cref="QuotaExceededException"/> and <see cref="RateLimitExceededException"/> become
/// <c>429 Too Many Requests</c>, <see cref="QuotaStoreUnavailableException"/> (failing closed) <c>503 Service
/// Unavailable</c>, each with <c>Retry-After</c> when the wait is known, and <see cref="PromptBudgetExceededException"/>
/// <c>413 Content Too Large</c> (no Retry-After: the same request fails again); all with an RFC 9457 ProblemDetails body.
/// </summary>
public static class PromptLintRejections
{
    /// <summary>Problem type of a quota rejection.</summary>
    public const string QuotaType = "https://promptlint.dev/problems/quota-exceeded";

    /// <summary>Problem type of a rate-limit rejection.</summary>
    public const string RateLimitType = "https://promptlint.dev/problems/rate-limited";

    /// <summary>Problem type of a refusal because the quota store is unreachable.</summary>
    public const string StoreType = "https://promptlint.dev/problems/quota-store-unavailable";

    /// <summary>Problem type of a refusal because the prompt's input is over its token budget.</summary>
    public const string PromptTooLargeType = "https://promptlint.dev/problems/prompt-too-large";

    /// <summary>Maps the meter's rejections thrown by anything after it in the pipeline. Add it before your endpoints.</summary>
    public static IApplicationBuilder UsePromptLintRejections(this IApplicationBuilder app)
    {
        if (app is null)
        {
            throw new ArgumentNullException(nameof(app));
        }

        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (!context.Response.HasStarted && Map(ex, Clock(context).GetUtcNow()) is { } mapped)
            {
                await WriteAsync(context, mapped.Status, mapped.RetryAfter, mapped.Problem).ConfigureAwait(false);
            }
        });
    }

    /// <summary>The answer for a rejection, or null for any other exception (which keeps propagating).</summary>
    public static (int Status, TimeSpan? RetryAfter, ProblemDetails Problem)? Map(Exception exception, DateTimeOffset now)
    {
        switch (exception)
        {
            case QuotaExceededException quota:
            {
                var problem = Problem(StatusCodes.Status429TooManyRequests, QuotaType, "Quota exceeded", quota.Message);
                problem.Extensions["tenant"] = quota.Tenant;
                problem.Extensions["unit"] = quota.Unit;
                problem.Extensions["limit"] = quota.Limit;
                problem.Extensions["used"] = quota.Used;
                problem.Extensions["requested"] = quota.Requested;
                problem.Extensions["resetsAt"] = quota.ResetsAt;
                return (StatusCodes.Status429TooManyRequests, quota.ResetsAt - now, problem);
            }

            case RateLimitExceededException rate:
            {
                var problem = Problem(StatusCodes.Status429TooManyRequests, RateLimitType, "Rate limit exceeded", rate.Message);
                problem.Extensions["tenant"] = rate.Tenant;
                return (StatusCodes.Status429TooManyRequests, rate.RetryAfter, problem);
            }

            case QuotaStoreUnavailableException store:
                return (StatusCodes.Status503ServiceUnavailable, null, Problem(StatusCodes.Status503ServiceUnavailable, StoreType, "Quota store unavailable", store.Message));

            case PromptBudgetExceededException budget:
            {
                // 413, as Kestrel answers a body over its size limit: the request is too large to be served, and sending
                // it again will not help. The detail names tokens, not the prompt's text.
                var problem = Problem(StatusCodes.Status413PayloadTooLarge, PromptTooLargeType, "Prompt too large", budget.Message);
                problem.Extensions["promptId"] = budget.PromptId;
                problem.Extensions["inputTokens"] = budget.InputTokens;
                problem.Extensions["limit"] = budget.Limit;
                return (StatusCodes.Status413PayloadTooLarge, null, problem);
            }

            default:
                return null;
        }
    }

    // The application's clock when it registers one (the meter's quota windows should use the same).
    private static TimeProvider Clock(HttpContext context)
        => context.RequestServices?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    private static ProblemDetails Problem(int status, string type, string title, string detail)
        => new() { Status = status, Type = type, Title = title, Detail = detail };

    private static async Task WriteAsync(HttpContext context, int status, TimeSpan? retryAfter, ProblemDetails problem)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            // Whole seconds, rounded up, at least 1: a client retrying early only gets refused again.
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        problem.Instance ??= context.Request.Path;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json").ConfigureAwait(false);
    }
}
