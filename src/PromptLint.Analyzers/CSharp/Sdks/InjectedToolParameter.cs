using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// True for a tool method's parameter type that an SDK fills in itself when it calls the tool (the kernel, the MCP
/// request context): it is not in the schema the model sees.
/// </summary>
internal delegate bool InjectedToolParameter(ITypeSymbol type);
