using System.Collections.Generic;
using System.Text;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Measuring;

/// <summary>Measures templates. Counting happens per contiguous static run, the way the text reaches the model.</summary>
public sealed class PromptMeasurer
{
    private readonly TokenizerRegistry _registry;

    /// <summary>Creates a measurer over a registry (normally <see cref="TokenizerRegistry.Shared"/>).</summary>
    public PromptMeasurer(TokenizerRegistry registry) => _registry = registry;

    /// <summary>The measurer over the process-wide registry.</summary>
    public static PromptMeasurer Shared { get; } = new(TokenizerRegistry.Shared);

    /// <summary>Measures a template for its own model, or <paramref name="defaultModel"/> when it names none.</summary>
    public PromptMeasurement Measure(PromptTemplate template, string? defaultModel)
        => MeasureFor(template, _registry.Resolve(template.Model ?? defaultModel), template.Model is null && template.ModelAssumed);

    /// <summary>Measures a template as if it were sent to <paramref name="model"/>, whatever model it names.</summary>
    public PromptMeasurement MeasureAs(PromptTemplate template, string model) => MeasureFor(template, _registry.Resolve(model));

    private PromptMeasurement MeasureFor(PromptTemplate template, TokenizerChoice choice, bool modelAssumed = false)
    {
        var canonical = new StringBuilder();

        var toolTokens = 0;
        foreach (var tool in template.Tools)
        {
            toolTokens += _registry.Count(choice, tool.WireJson);
            canonical.Append("tool:").Append(tool.WireJson).Append('\n');
        }

        // Tools the call offers from elsewhere are sent with it too (counted here, judged where they are declared).
        foreach (var tool in template.CallTools)
        {
            toolTokens += _registry.Count(choice, tool.WireJson);
            canonical.Append("call tool:").Append(tool.WireJson).Append('\n');
        }

        // A response format's schema is sent with every call: it counts as static input, after the prefix.
        var formatTokens = 0;
        if (template.ResponseFormatJson is { Length: > 0 } format)
        {
            formatTokens = _registry.Count(choice, format);
            canonical.Append("response_format:").Append(format).Append('\n');
        }

        var staticTokens = toolTokens + formatTokens;
        var prefixTokens = toolTokens;
        var prefixOpen = true;
        var holes = 0;
        var run = new StringBuilder();

        foreach (var message in template.Messages)
        {
            canonical.Append(message.Role.ToName()).Append(":\n");
            // Each run with the conditional alternative it is in: of a block's alternatives only the largest is counted,
            // since one call sends one of them.
            var runs = new List<(string? Branch, int Tokens)>();
            string? runBranch = null;
            foreach (var segment in message.Segments)
            {
                if (segment.IsHole)
                {
                    holes++;
                    canonical.Append("{{").Append(segment.Text).Append("}}");
                    var runTokens = CountRun(choice, run);
                    runs.Add((runBranch, runTokens));
                    if (prefixOpen)
                    {
                        prefixTokens += runTokens;
                        prefixOpen = false;
                    }
                }
                else
                {
                    runBranch = run.Length == 0 ? segment.Branch : runBranch;
                    run.Append(segment.Text);
                    canonical.Append(TextNormalizer.NormalizeLineEndings(segment.Text));
                }
            }

            // A message boundary ends a run: each message's content is tokenized on its own.
            var tail = CountRun(choice, run);
            runs.Add((runBranch, tail));
            staticTokens += PromptBranches.Largest(runs);
            if (prefixOpen)
            {
                prefixTokens += tail;
            }

            canonical.Append('\n');
        }

        return new PromptMeasurement(
            template.Id,
            choice.Model,
            choice.TokenizerName,
            choice.Exact && !template.Approximate,
            staticTokens,
            prefixTokens,
            holes,
            toolTokens,
            template.OutputCap,
            ContentHash.Of(canonical.ToString()),
            PromptBranches.HasAlternatives(template),
            modelAssumed);
    }

    private int CountRun(TokenizerChoice choice, StringBuilder run)
    {
        if (run.Length == 0)
        {
            return 0;
        }

        var count = _registry.Count(choice, run.ToString());
        run.Clear();
        return count;
    }
}
