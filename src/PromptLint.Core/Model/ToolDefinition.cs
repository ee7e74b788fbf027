namespace PromptLint.Core.Model;

/// <summary>A tool (function-calling) definition as the provider receives it.</summary>
public sealed class ToolDefinition
{
    /// <summary>Creates a tool definition.</summary>
    public ToolDefinition(string name, string wireJson, SourceLocation location)
    {
        Name = name;
        WireJson = wireJson;
        Location = location;
    }

    /// <summary>The tool's name.</summary>
    public string Name { get; }

    /// <summary>The definition serialized as it is sent: compact JSON in OpenAI's <c>{"type":"function","function":{…}}</c> shape.</summary>
    public string WireJson { get; }

    /// <summary>Where the tool is declared.</summary>
    public SourceLocation Location { get; }
}
