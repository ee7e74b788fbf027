using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CSharp;

/// <summary>A call that sends messages to a model, as an SDK recognizer describes it.</summary>
internal sealed class SendSite
{
    /// <param name="call">The send call.</param>
    /// <param name="capSetting">How the output cap is spelled for this SDK, for messages.</param>
    /// <param name="newOptionsCapProperty">
    /// The cap property of new options a fix may pass where the call leaves its options parameter to its default; null
    /// when the SDK's options cannot be added that way.
    /// </param>
    public SendSite(IInvocationOperation call, string capSetting, string? newOptionsCapProperty = null)
    {
        Call = call;
        CapSetting = capSetting;
        NewOptionsCapProperty = newOptionsCapProperty;
    }

    public IInvocationOperation Call { get; }

    public string CapSetting { get; }

    public string? NewOptionsCapProperty { get; }
}
