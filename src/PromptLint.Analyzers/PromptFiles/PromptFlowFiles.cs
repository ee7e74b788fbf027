using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Analyzers.PromptFiles;

/// <summary>The Promptflow flow definitions among the additional files, read once per compilation.</summary>
internal static class PromptFlowFiles
{
    /// <summary>The templates the flows name, or null when there is no flow (nearly every project).</summary>
    public static FlowTemplateReferences? TemplatesNamedIn(ImmutableArray<AdditionalText> files, CancellationToken cancellation)
    {
        FlowTemplateReferences? flows = null;
        foreach (var file in files)
        {
            if (!FlowTemplateReferences.IsFlowDefinition(file.Path) || file.GetText(cancellation) is not { } text)
            {
                continue;
            }

            flows ??= new FlowTemplateReferences();
            flows.Add(file.Path, text.ToString());
        }

        return flows is { IsEmpty: false } ? flows : null;
    }
}
