using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

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

        // Wrong options fail here, at start-up, not at the first call.
        options.Validate();

        // Logger, quota store and clock come from the application's services unless the options set them; each client
        // owns (and disposes) the instruments it creates. The options are shared and never changed here.
        return builder.Use((inner, services) => new PromptLintChatClient(inner, options, metrics: null, catalog: null, services));
    }
}
