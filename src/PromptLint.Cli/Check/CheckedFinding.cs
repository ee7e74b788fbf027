namespace PromptLint.Cli.Check;

/// <summary>A finding as <c>promptlint check</c> reports it: at the severity the configuration gives it.</summary>
internal sealed class CheckedFinding
{
    public CheckedFinding(string ruleId, string severity, string fullPath, string displayPath, string projectPath, int line, int column, int length, string message, int? tokensSaved, string? promptId)
    {
        RuleId = ruleId;
        Severity = severity;
        FullPath = fullPath;
        DisplayPath = displayPath;
        ProjectPath = projectPath;
        Line = line;
        Column = column;
        Length = length;
        Message = message;
        TokensSaved = tokensSaved;
        PromptId = promptId;
    }

    /// <summary>PLxxxx.</summary>
    public string RuleId { get; }

    /// <summary>error, warning or info.</summary>
    public string Severity { get; }

    /// <summary>Full path of the file, or empty for a finding without a place.</summary>
    public string FullPath { get; }

    /// <summary>Path relative to the current folder, with '/'.</summary>
    public string DisplayPath { get; }

    /// <summary>Path relative to the project (the report's <c>file</c>).</summary>
    public string ProjectPath { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Characters of the text the finding is about on its line (0 when unknown).</summary>
    public int Length { get; }

    public string Message { get; }

    public int? TokensSaved { get; }

    public string? PromptId { get; }

    public bool HasLocation => FullPath.Length > 0;
}
