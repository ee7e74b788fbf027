using System.Collections.Generic;

namespace PromptLint.Core.Model;

/// <summary>
/// The one model every front end produces: a prompt with a stable id, where it is, what it sends
/// (tools first, then messages, in send order) and the model and output-cap facts found next to it.
/// </summary>
public sealed class PromptTemplate
{
    /// <summary>Creates a template.</summary>
    public PromptTemplate(
        string id,
        SourceLocation location,
        PromptRole role,
        IReadOnlyList<PromptMessage> messages,
        IReadOnlyList<ToolDefinition>? tools = null,
        string? model = null,
        SourceLocation? modelLocation = null,
        int? outputCap = null,
        bool approximate = false,
        OutputCapStatus? outputCapStatus = null,
        string? outputCapSetting = null,
        int? budget = null,
        string? sentModel = null,
        string? responseFormatJson = null)
    {
        ResponseFormatJson = responseFormatJson;
        SentModel = sentModel;
        Approximate = approximate;
        OutputCapStatus = outputCapStatus ?? (outputCap is null ? OutputCapStatus.Unknown : OutputCapStatus.Declared);
        OutputCapSetting = outputCapSetting;
        Budget = budget;
        Id = id;
        Location = location;
        Role = role;
        Messages = messages;
        Tools = tools ?? System.Array.Empty<ToolDefinition>();
        Model = model;
        ModelLocation = modelLocation;
        OutputCap = outputCap;
    }

    /// <summary>Stable id shared by the baseline, the report and the runtime meter.</summary>
    public string Id { get; }

    /// <summary>Where the prompt is declared.</summary>
    public SourceLocation Location { get; }

    /// <summary>The prompt's main role: that of its first message, or <see cref="PromptRole.ToolSchema"/> for tool lists.</summary>
    public PromptRole Role { get; }

    /// <summary>Messages in send order.</summary>
    public IReadOnlyList<PromptMessage> Messages { get; }

    /// <summary>Tool definitions sent with the prompt (sent before the messages).</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>Model named next to the prompt, or null to use the project default.</summary>
    public string? Model { get; }

    /// <summary>
    /// The model the call sends the prompt to, when the prompt names its own <see cref="Model"/> (a <c>[Prompt(Model = …)]</c>
    /// member) and the call names another; null otherwise. The prompt is measured for <see cref="Model"/>.
    /// </summary>
    public string? SentModel { get; }

    /// <summary>Where <see cref="Model"/> was named, when it was.</summary>
    public SourceLocation? ModelLocation { get; }

    /// <summary>True when what is sent was reconstructed rather than read (a tool schema rebuilt from C# symbols): counts are estimates then.</summary>
    public bool Approximate { get; }

    /// <summary>Whether the call or file visibly declares an output cap, visibly lacks one, or cannot be told.</summary>
    public OutputCapStatus OutputCapStatus { get; }

    /// <summary>How the cap is spelled where this prompt is sent (for messages): <c>ChatOptions.MaxOutputTokens</c>, <c>model.parameters.max_tokens</c>…</summary>
    public string? OutputCapSetting { get; }

    /// <summary>Declared token budget of the prompt (static text plus hole caps), if any.</summary>
    public int? Budget { get; }

    /// <summary>Declared maximum output tokens, or null when none is declared.</summary>
    public int? OutputCap { get; }

    /// <summary>
    /// The structured-output format sent with the prompt, as the compact JSON the API receives
    /// (<c>{"type":"json_schema","json_schema":{…}}</c>), or null: its schema counts toward the prompt's footprint.
    /// </summary>
    public string? ResponseFormatJson { get; }

    /// <summary>
    /// Tools the call offers that are declared elsewhere (C# <c>ChatOptions.Tools</c> holding <c>AIFunctionFactory.Create</c>
    /// tools): sent with every call, so they count toward this prompt's static and tool schema tokens and its cost per
    /// call, but they are judged (PL0009, PL0017, PL0021) where they are declared, as prompts of their own.
    /// </summary>
    public IReadOnlyList<ToolDefinition> CallTools { get; private set; } = System.Array.Empty<ToolDefinition>();

    /// <summary>
    /// True when the code names the model in a way that cannot be read before run time (a configuration value, an
    /// environment variable) and <see cref="Model"/> is null: the prompt is counted for the project's default model,
    /// and the report says that model was assumed.
    /// </summary>
    public bool ModelAssumed { get; private set; }

    /// <summary>This template with <see cref="ModelAssumed"/> set.</summary>
    public PromptTemplate WithModelAssumed()
        => new(Id, Location, Role, Messages, Tools, Model, ModelLocation, OutputCap, Approximate, OutputCapStatus, OutputCapSetting, Budget, SentModel, ResponseFormatJson)
        {
            CallTools = CallTools,
            ModelAssumed = true,
            IgnoredOutputCapKey = IgnoredOutputCapKey,
        };

    /// <summary>This template with <paramref name="tools"/> as its <see cref="CallTools"/>.</summary>
    /// <param name="tools">The tools the call offers, in the order it offers them.</param>
    /// <param name="approximate">True when a tool's schema was rebuilt from symbols: the counts are estimates then.</param>
    public PromptTemplate WithCallTools(IReadOnlyList<ToolDefinition> tools, bool approximate)
        => new(Id, Location, Role, Messages, Tools, Model, ModelLocation, OutputCap, Approximate || approximate, OutputCapStatus, OutputCapSetting, Budget, SentModel, ResponseFormatJson)
        {
            CallTools = tools,
            ModelAssumed = ModelAssumed,
            IgnoredOutputCapKey = IgnoredOutputCapKey,
        };

    /// <summary>
    /// A key that looks like an output cap but is not the one the prompt's tool reads (a <c>.prompt.yml</c>'s
    /// <c>modelParameters.maxCompletionTokens</c>), so the prompt is sent uncapped; PL0003's message names it. Null when none.
    /// </summary>
    public string? IgnoredOutputCapKey { get; private set; }

    /// <summary>This template with <see cref="IgnoredOutputCapKey"/> set.</summary>
    /// <param name="key">The key as written in the file.</param>
    public PromptTemplate WithIgnoredOutputCapKey(string key)
        => new(Id, Location, Role, Messages, Tools, Model, ModelLocation, OutputCap, Approximate, OutputCapStatus, OutputCapSetting, Budget, SentModel, ResponseFormatJson)
        {
            CallTools = CallTools,
            ModelAssumed = ModelAssumed,
            IgnoredOutputCapKey = key,
        };
}

/// <summary>What is known about a prompt's output cap.</summary>
public enum OutputCapStatus
{
    /// <summary>Nothing visible either way (options from a parameter, a field, DI; a plain template).</summary>
    Unknown,
    /// <summary>A cap is declared.</summary>
    Declared,
    /// <summary>The prompt is visibly sent without a cap.</summary>
    Missing,
}
