using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp;

/// <summary>What an options object visibly sets: instructions, model and output cap.</summary>
internal sealed class CallOptions
{
    public List<FoundMessage> Instructions { get; } = new();

    public string? Model { get; set; }

    public Location? ModelLocation { get; set; }

    public int? OutputCap { get; set; }

    /// <summary>True when a cap is assigned, even one whose value is not a constant.</summary>
    public bool CapAssigned { get; set; }

    public void MergeInto(CallOptions target)
    {
        target.Instructions.AddRange(Instructions);
        if (target.Model is null && Model is not null)
        {
            target.Model = Model;
            target.ModelLocation = ModelLocation;
        }

        target.OutputCap ??= OutputCap;
        target.CapAssigned |= CapAssigned;
    }
}
