using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// What an <see cref="ISdkRecognizer"/> reports to the collector walking a code block. The collector tracks values
/// (where messages and options end up) and groups messages into prompts; recognizers only say what a call is.
/// </summary>
internal interface ICallSiteSink
{
    /// <summary>A message that goes wherever its origin flows: the local, field or collection it is stored in, or the call it is passed to.</summary>
    void AddMessage(FoundMessage message);

    /// <summary>A message appended to what <paramref name="receiver"/> refers to (<c>history.AddUserMessage(text)</c>); dropped when that is nothing tracked (a parameter).</summary>
    void AddMessageTo(IOperation receiver, FoundMessage message);

    /// <summary>A call that sends the messages passed to it (directly, in a collection, or as options' instructions).</summary>
    /// <param name="call">The send call.</param>
    /// <param name="capSetting">How the output cap is spelled for this SDK, for messages.</param>
    /// <param name="newOptionsCapProperty">
    /// The cap property of new options a fix may pass where the call leaves its options parameter to its default; null
    /// when the SDK's options cannot be added that way.
    /// </param>
    /// <param name="textParameter">
    /// The one <c>string</c> parameter that is the user's text, when the call has several (a model name, an id); null
    /// when any <c>string</c> argument is.
    /// </param>
    /// <param name="receiverHoldsMessages">
    /// True when the object the call is made on carries messages of its own that come first (an agent's instructions,
    /// filed under the agent where it was created).
    /// </param>
    void AddSend(IInvocationOperation call, string capSetting, string? newOptionsCapProperty = null, string? textParameter = null, bool receiverHoldsMessages = false);

    /// <summary>A message put into an options object (<c>new CreateResponseOptions(model, [items])</c>): it goes wherever the options go.</summary>
    void AddMessageToOptions(IObjectCreationOperation options, FoundMessage message);

    /// <summary>What one send call says about itself (a model argument), merged into its prompt's options.</summary>
    CallOptions OptionsOfCall(IInvocationOperation call);

    /// <summary>A prompt whose messages the recognizer found itself.</summary>
    void AddPrompt(FoundPrompt prompt);

    /// <summary>Reads what an options creation's initializer sets into <paramref name="options"/>.</summary>
    void ReadInitializer(IObjectCreationOperation creation, CallOptions options);

    /// <summary>The options already tracked for what <paramref name="value"/> refers to (a local set earlier in the block), or null.</summary>
    CallOptions? KnownOptions(IOperation value);
}
