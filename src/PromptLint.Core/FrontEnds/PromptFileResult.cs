using System;
using System.Collections.Generic;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>What a front end made of a file: templates and problems (either may be empty).</summary>
public sealed class PromptFileResult
{
    /// <summary>Creates a result.</summary>
    public PromptFileResult(IReadOnlyList<PromptTemplate> templates, IReadOnlyList<PromptFileProblem> problems)
    {
        Templates = templates;
        Problems = problems;
    }

    /// <summary>Nothing found, nothing wrong.</summary>
    public static PromptFileResult Empty { get; } = new(Array.Empty<PromptTemplate>(), Array.Empty<PromptFileProblem>());

    /// <summary>Templates found.</summary>
    public IReadOnlyList<PromptTemplate> Templates { get; }

    /// <summary>Problems found.</summary>
    public IReadOnlyList<PromptFileProblem> Problems { get; }

    /// <summary>One problem, no templates.</summary>
    public static PromptFileResult Problem(string path, int line, int column, string message)
        => new(Array.Empty<PromptTemplate>(), new[] { new PromptFileProblem(path, line, column, message) });

    /// <summary>One template, maybe with problems.</summary>
    public static PromptFileResult Of(PromptTemplate template, IReadOnlyList<PromptFileProblem> problems)
        => new(new[] { template }, problems);
}
