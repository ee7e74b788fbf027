using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The LLM SDK types a compilation references, looked up once per compilation by metadata name.
/// A project that references none of them has <see cref="Any"/> false and pays only for these lookups.
/// </summary>
internal sealed class SdkSymbols
{
    public SdkSymbols(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName(name);

        // Microsoft.Extensions.AI
        AiChatMessage = Type("Microsoft.Extensions.AI.ChatMessage");
        AiChatRole = Type("Microsoft.Extensions.AI.ChatRole");
        AiChatOptions = Type("Microsoft.Extensions.AI.ChatOptions");
        AiChatClient = Type("Microsoft.Extensions.AI.IChatClient");
        AiChatClientExtensions = Type("Microsoft.Extensions.AI.ChatClientExtensions");

        // OpenAI (and Azure.AI.OpenAI, which uses the same types)
        OpenAiSystemMessage = Type("OpenAI.Chat.SystemChatMessage");
        OpenAiUserMessage = Type("OpenAI.Chat.UserChatMessage");
        OpenAiAssistantMessage = Type("OpenAI.Chat.AssistantChatMessage");
        OpenAiDeveloperMessage = Type("OpenAI.Chat.DeveloperChatMessage");
        OpenAiChatMessage = Type("OpenAI.Chat.ChatMessage");
        OpenAiChatClient = Type("OpenAI.Chat.ChatClient");
        OpenAiCompletionOptions = Type("OpenAI.Chat.ChatCompletionOptions");
        OpenAiClient = Type("OpenAI.OpenAIClient");

        // Semantic Kernel
        SkChatHistory = Type("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
        SkAuthorRole = Type("Microsoft.SemanticKernel.ChatCompletion.AuthorRole");
        SkChatCompletionService = Type("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
        SkChatCompletionExtensions = Type("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");
        SkKernelExtensions = Type("Microsoft.SemanticKernel.KernelExtensions");
        SkFunctionFactory = Type("Microsoft.SemanticKernel.KernelFunctionFactory");
        SkPromptTemplateConfig = Type("Microsoft.SemanticKernel.PromptTemplateConfig");
        SkExecutionSettings = Type("Microsoft.SemanticKernel.PromptExecutionSettings");
        SkAgent = Type("Microsoft.SemanticKernel.Agents.Agent");

        // Tools declared in C#
        AiFunctionFactory = Type("Microsoft.Extensions.AI.AIFunctionFactory");
        OpenAiChatTool = Type("OpenAI.Chat.ChatTool");
        SkKernelFunctionAttribute = Type("Microsoft.SemanticKernel.KernelFunctionAttribute");
        McpServerToolAttribute = Type("ModelContextProtocol.Server.McpServerToolAttribute");

        // Anthropic (official SDK)
        AnthropicCreateParams = Type("Anthropic.Models.Messages.MessageCreateParams");

        Any = AiChatMessage is not null || AiChatOptions is not null || OpenAiChatMessage is not null || SkChatHistory is not null
            || SkKernelExtensions is not null || SkFunctionFactory is not null || SkPromptTemplateConfig is not null || AnthropicCreateParams is not null
            || AiFunctionFactory is not null || OpenAiChatTool is not null;
        AnyToolAttribute = SkKernelFunctionAttribute is not null || McpServerToolAttribute is not null;
    }

    public bool Any { get; }

    /// <summary>True when Semantic Kernel's or MCP's tool attributes are referenced.</summary>
    public bool AnyToolAttribute { get; }

    public INamedTypeSymbol? AiFunctionFactory { get; }
    public INamedTypeSymbol? OpenAiChatTool { get; }
    public INamedTypeSymbol? SkKernelFunctionAttribute { get; }
    public INamedTypeSymbol? McpServerToolAttribute { get; }

    public INamedTypeSymbol? AiChatMessage { get; }
    public INamedTypeSymbol? AiChatRole { get; }
    public INamedTypeSymbol? AiChatOptions { get; }
    public INamedTypeSymbol? AiChatClient { get; }
    public INamedTypeSymbol? AiChatClientExtensions { get; }
    public INamedTypeSymbol? OpenAiSystemMessage { get; }
    public INamedTypeSymbol? OpenAiUserMessage { get; }
    public INamedTypeSymbol? OpenAiAssistantMessage { get; }
    public INamedTypeSymbol? OpenAiDeveloperMessage { get; }
    public INamedTypeSymbol? OpenAiChatMessage { get; }
    public INamedTypeSymbol? OpenAiChatClient { get; }
    public INamedTypeSymbol? OpenAiCompletionOptions { get; }
    public INamedTypeSymbol? OpenAiClient { get; }
    public INamedTypeSymbol? SkChatHistory { get; }
    public INamedTypeSymbol? SkAuthorRole { get; }
    public INamedTypeSymbol? SkChatCompletionService { get; }
    public INamedTypeSymbol? SkChatCompletionExtensions { get; }
    public INamedTypeSymbol? SkKernelExtensions { get; }
    public INamedTypeSymbol? SkFunctionFactory { get; }
    public INamedTypeSymbol? SkPromptTemplateConfig { get; }
    public INamedTypeSymbol? SkExecutionSettings { get; }
    public INamedTypeSymbol? SkAgent { get; }
    public INamedTypeSymbol? AnthropicCreateParams { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> or derives from it.</summary>
    public static bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }
}
