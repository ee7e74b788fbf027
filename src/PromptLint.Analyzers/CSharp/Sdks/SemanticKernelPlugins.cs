using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The tools a Semantic Kernel call offers through its kernel: with a function choice behavior that advertises the
/// kernel's functions (<c>FunctionChoiceBehavior.Auto()</c>, <c>Required()</c>, <c>None()</c>, or
/// <c>ToolCallBehavior.AutoInvokeKernelFunctions</c> / <c>EnableKernelFunctions</c>), the OpenAI connector sends every
/// <c>[KernelFunction]</c> of every plugin in the kernel as a tool named <c>Plugin-Function</c>, on every request.
/// The plugins are read only where the kernel is built in view: a local (or a field or property written once, same
/// file) made by <c>Kernel.CreateBuilder()…Build()</c>, <c>builder.Build()</c> or <c>new Kernel()</c>, with plugins
/// added in the member that builds it or the member that sends (<c>builder.Plugins.AddFromType&lt;T&gt;()</c>,
/// <c>kernel.ImportPluginFromType&lt;T&gt;()</c>, <c>AddFromObject(new T())</c>, <c>kernel.Plugins.Add(KernelPluginFactory.CreateFromType&lt;T&gt;())</c>).
/// Where anything could add plugins out of view (the kernel handed to a method of the application, a plugin from a
/// directory or an OpenAPI document) or the behavior lists its functions, nothing is counted (<see cref="KernelInView"/>).
/// </summary>
internal sealed class SemanticKernelPlugins
{
    private readonly INamedTypeSymbol? _kernel;
    private readonly INamedTypeSymbol? _kernelFunctionAttribute;
    private readonly INamedTypeSymbol? _functionChoiceBehavior;
    private readonly KernelInView _inView;

    public SemanticKernelPlugins(Compilation compilation)
    {
        _kernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
        _kernelFunctionAttribute = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunctionAttribute");
        _functionChoiceBehavior = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.FunctionChoiceBehavior");
        _inView = new KernelInView(compilation);
    }

    /// <summary>The tools the call sends, or null when it sends none or they cannot be seen.</summary>
    /// <param name="options">The call's options: its function choice behavior and the kernel it is given.</param>
    /// <param name="injected">Parameter types the SDKs fill in.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public IReadOnlyList<ToolDefinition>? Offered(CallOptions options, InjectedToolParameter injected, CancellationToken cancellationToken)
    {
        if (_kernel is null || options.FunctionChoice is not { } choice || options.Kernel is not { } kernel || !AdvertisesKernelFunctions(choice, cancellationToken))
        {
            return null;
        }

        var plugins = _inView.PluginsOf(kernel, cancellationToken);
        if (plugins is null)
        {
            return null;
        }

        var tools = new List<ToolDefinition>();
        foreach (var (type, name, functions) in plugins)
        {
            foreach (var function in functions)
            {
                // KernelFunctionFactory.CreateFromMethod(…) in a plugin made from functions: sent as "plugin-function".
                // (The owner only names a lambda's own tool prompt, which is not used here.)
                if (ToolDiscovery.FromDelegate(function, function.TargetMethod, injected, "functionName", n => name + "-" + n, ToolDiscovery.ToolWire.SemanticKernel) is not { } made)
                {
                    return null;
                }

                tools.AddRange(made.Template.Tools);
            }

            foreach (var method in type is null ? Enumerable.Empty<IMethodSymbol>() : FunctionMethods(type))
            {
                if (method.GetAttributes().FirstOrDefault(a => SdkSymbol.Is(a.AttributeClass, _kernelFunctionAttribute)) is not { } attribute)
                {
                    continue;
                }

                var location = method.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
                var tool = ToolDiscovery.FromMethod(method, name + "-" + FunctionName(method, attribute), location, injected, ToolDiscovery.ToolWire.SemanticKernel);
                tools.AddRange(tool.Template.Tools);
            }
        }

        return tools;
    }

    // The methods Semantic Kernel looks at for [KernelFunction]: all of the type's own, public or not, static or not,
    // and the public and protected ones it inherits, an overridden method once.
    private static IEnumerable<IMethodSymbol> FunctionMethods(INamedTypeSymbol type)
    {
        var seen = new List<IMethodSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.MethodKind != MethodKind.Ordinary || (!ReferenceEquals(current, type) && method.DeclaredAccessibility == Accessibility.Private)
                    || seen.Any(m => Overrides(m, method)))
                {
                    continue;
                }

                seen.Add(method);
                yield return method;
            }
        }
    }

    private static bool Overrides(IMethodSymbol derived, IMethodSymbol candidate)
    {
        for (var overridden = derived.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, candidate.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name Semantic Kernel gives a <c>[KernelFunction]</c> method: the attribute's, else the method's without the <c>Async</c> of an awaitable one.</summary>
    public static string FunctionName(IMethodSymbol method, AttributeData attribute)
        => attribute.ConstructorArguments.FirstOrDefault().Value as string ?? OpenAiToolWire.AIFunctionName(method);

    // FunctionChoiceBehavior.Auto(), Required() or None() without a list of functions, and ToolCallBehavior's two
    // kernel-wide behaviors: all of them send every function of the kernel (None() with tool_choice "none").
    private bool AdvertisesKernelFunctions(IOperation choice, CancellationToken cancellationToken)
    {
        var value = ValueTracking.Unwrap(choice);
        if (value is ILocalReferenceOperation && ValueTracking.Source(value, cancellationToken) is { } source)
        {
            value = ValueTracking.Unwrap(source);
        }

        return value switch
        {
            IInvocationOperation { TargetMethod.Name: "Auto" or "Required" or "None" } behavior when SdkSymbol.Is(behavior.TargetMethod.ContainingType, _functionChoiceBehavior)
                => behavior.Arguments.All(a => a.Parameter?.Name != "functions" || a.ArgumentKind == ArgumentKind.DefaultValue || ValueTracking.Unwrap(a.Value) is ILiteralOperation { ConstantValue.Value: null }),
            IPropertyReferenceOperation { Property.Name: "AutoInvokeKernelFunctions" or "EnableKernelFunctions" } property => property.Property.ContainingType?.Name == "ToolCallBehavior",
            IFieldReferenceOperation { Field.Name: "AutoInvokeKernelFunctions" or "EnableKernelFunctions" } field => field.Field.ContainingType?.Name == "ToolCallBehavior",
            _ => false,
        };
    }
}
