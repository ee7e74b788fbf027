using System;
using System.Collections.Generic;
using System.IO;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>The Promptflow flow definitions among the files a run found, read once, as the analyzer reads them among its additional files.</summary>
internal static class FlowFiles
{
    /// <summary>The templates the flows among <paramref name="files"/> name, or null when there is none.</summary>
    public static FlowTemplateReferences? TemplatesNamedIn(IEnumerable<string> files)
    {
        FlowTemplateReferences? flows = null;
        foreach (var file in files)
        {
            if (!FlowTemplateReferences.IsFlowDefinition(file))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the file's own check reports that it cannot be read
            }

            flows ??= new FlowTemplateReferences();
            flows.Add(file, text);
        }

        return flows is { IsEmpty: false } ? flows : null;
    }
}
