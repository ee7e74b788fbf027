using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// A Semantic Kernel kernel built in view and the plugins added to it (see <see cref="SemanticKernelPlugins"/>): made
/// by <c>Kernel.CreateBuilder()…Build()</c>, <c>builder.Build()</c> or <c>new Kernel()</c>, held in a local, or in a
/// field or property written once; plugins read in the member that builds it and the member that sends with it.
/// Anything that could add a plugin out of view makes the answer "not known" (null), never a guess.
/// </summary>
internal sealed class KernelInView
{
    private readonly INamedTypeSymbol? _kernel;
    private readonly INamedTypeSymbol? _kernelPlugin;
    private readonly SdkMethods _fromType;
    private readonly SdkMethods _fromObject;
    private readonly SdkMethods _adds;
    private readonly SdkMethods _fromFunctions;
    private readonly SdkMethods _addsFunctions;
    private readonly SdkMethods _createFromMethod;

    public KernelInView(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName("Microsoft.SemanticKernel." + name);

        _kernel = Type("Kernel");
        _kernelPlugin = Type("KernelPlugin");
        var extensions = Type("KernelExtensions");
        var factory = Type("KernelPluginFactory");
        _fromType = SdkMethods.Of(extensions, "AddFromType", "ImportPluginFromType", "CreatePluginFromType").Union(SdkMethods.Of(factory, "CreateFromType"));
        _fromObject = SdkMethods.Of(extensions, "AddFromObject", "ImportPluginFromObject", "CreatePluginFromObject").Union(SdkMethods.Of(factory, "CreateFromObject"));
        _adds = SdkMethods.Of(extensions, "AddFromType", "ImportPluginFromType", "AddFromObject", "ImportPluginFromObject");
        _fromFunctions = SdkMethods.Of(extensions, "AddFromFunctions", "ImportPluginFromFunctions", "CreatePluginFromFunctions").Union(SdkMethods.Of(factory, "CreateFromFunctions"));
        _addsFunctions = SdkMethods.Of(extensions, "AddFromFunctions", "ImportPluginFromFunctions");
        _createFromMethod = SdkMethods.Of(Type("KernelFunctionFactory"), "CreateFromMethod");
    }

    /// <summary>The plugins of a kernel built in view, or null when they cannot all be seen.</summary>
    public List<Plugin>? PluginsOf(IOperation kernel, CancellationToken cancellationToken)
    {
        var holder = ValueTracking.KeyOf(kernel) as ISymbol;
        var source = holder switch
        {
            ILocalSymbol => ValueTracking.Source(kernel, cancellationToken),
            IFieldSymbol or IPropertySymbol => ValueTracking.Source(kernel, cancellationToken) ?? TextFolder.OnlyWriteOperation(ValueTracking.Unwrap(kernel), cancellationToken),
            _ => ValueTracking.Unwrap(kernel),
        };
        if (source is null || BuilderOf(ValueTracking.Unwrap(source)) is not { } built)
        {
            return null;
        }

        if (holder is IFieldSymbol or IPropertySymbol && NamedElsewhere(holder, new[] { source, kernel }, cancellationToken))
        {
            return null;
        }

        // What is read: the member that builds the kernel and the member that sends with it (the same one for a local).
        var roots = new List<IOperation> { Root(source) };
        if (!ReferenceEquals(Root(kernel), roots[0]))
        {
            roots.Add(Root(kernel));
        }

        var targets = new List<ISymbol>();
        if (holder is not null)
        {
            targets.Add(holder);
        }

        if (built.Builder is not null)
        {
            targets.Add(built.Builder);
        }

        var plugins = new List<Plugin>();
        foreach (var operation in roots.SelectMany(r => r.DescendantsAndSelf()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not IInvocationOperation call || !Touches(call, targets))
            {
                continue;
            }

            if (_adds.Contains(call.TargetMethod) || _addsFunctions.Contains(call.TargetMethod) || IsPluginAdd(call))
            {
                if (PluginOf(call, cancellationToken) is not { } plugin)
                {
                    return null;
                }

                plugins.Add(plugin);
            }
            else if (!IsHarmless(call))
            {
                return null;
            }
        }

        return plugins;
    }

    // kernel.Plugins.Add(plugin) on the kernel's (or builder's) plugin collection.
    private static bool IsPluginAdd(IInvocationOperation call)
        => call.TargetMethod.Name is "Add" && call.Instance is IPropertyReferenceOperation { Property.Name: "Plugins" };

    // A call that uses the kernel or its builder without adding plugins out of view: Semantic Kernel's own methods
    // (sends, services, building) other than those that add plugins from elsewhere (a directory, OpenAPI, MCP), and
    // service registrations on the builder that involve no plugin.
    private bool IsHarmless(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        var plugin = call.Arguments.Any(a => SdkSymbol.IsOrDerives(a.Value.Type, _kernelPlugin)) || method.TypeArguments.Any(t => SdkSymbol.IsOrDerives(t, _kernelPlugin));
        if (OnServices(call))
        {
            return !plugin;
        }

        // A method of the application (or of another library) handed the kernel or its builder may add plugins to it.
        if (method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal) != true)
        {
            return false;
        }

        return !(plugin || method.Name.StartsWith("Import", System.StringComparison.Ordinal) || method.Name.StartsWith("AddFrom", System.StringComparison.Ordinal)
                 || (method.Name is "Add" or "AddRange" or "Insert" && call.Instance is IPropertyReferenceOperation { Property.Name: "Plugins" }));
    }

    // builder.Services.AddLogging(…): a call on the builder's service collection.
    private static bool OnServices(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod ? call.Arguments.FirstOrDefault()?.Value : null);
        return receiver is not null && ValueTracking.Unwrap(receiver) is IPropertyReferenceOperation { Property.Name: "Services" };
    }

    // A kernel kept in a field or property: any other place in its type that names its plugins, or hands it to a
    // method, may add plugins out of view.
    private static bool NamedElsewhere(ISymbol holder, IOperation[] read, CancellationToken cancellationToken)
    {
        var spans = read.Select(o => Root(o).Syntax).ToList();
        foreach (var reference in holder.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>())
            {
                var text = name.Identifier.ValueText;
                var suspicious = text == "Plugins" || text.StartsWith("ImportPlugin", System.StringComparison.Ordinal)
                    || (text == holder.Name && name.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax);
                if (suspicious && !spans.Any(s => s.SyntaxTree == name.SyntaxTree && s.FullSpan.Contains(name.Span)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // True when the call is made on, or is given, one of the targets or their Plugins (kernel.Plugins.X(…), kernel.X(…), M(kernel)).
    private static bool Touches(IInvocationOperation call, List<ISymbol> targets)
    {
        bool Is(IOperation? operation)
        {
            if (operation is null)
            {
                return false;
            }

            operation = ValueTracking.Unwrap(operation);
            if (operation is IPropertyReferenceOperation { Property.Name: "Plugins" or "Services", Instance: { } owner })
            {
                operation = ValueTracking.Unwrap(owner);
            }

            return ValueTracking.KeyOf(operation) is ISymbol symbol && targets.Any(t => SymbolEqualityComparer.Default.Equals(t, symbol));
        }

        return Is(call.Instance) || call.Arguments.Any(a => Is(a.Value));
    }

    // The plugin a call adds: AddFromType<T>(name), ImportPluginFromObject(new T(), name), Plugins.Add(KernelPluginFactory.CreateFromType<T>(name)),
    // ImportPluginFromFunctions(name, [KernelFunctionFactory.CreateFromMethod(…)]).
    private Plugin? PluginOf(IInvocationOperation call, CancellationToken cancellationToken)
    {
        if (IsPluginAdd(call))
        {
            var added = call.Arguments.FirstOrDefault()?.Value;
            var made = added is null ? null : ValueTracking.Source(added, cancellationToken);
            return made is not null && ValueTracking.Unwrap(made) is IInvocationOperation creation
                   && (_fromType.Contains(creation.TargetMethod) || _fromObject.Contains(creation.TargetMethod) || _fromFunctions.Contains(creation.TargetMethod))
                ? PluginOf(creation, cancellationToken)
                : null;
        }

        if (_fromFunctions.Contains(call.TargetMethod))
        {
            var pluginName = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pluginName")?.Value;
            var functions = FunctionsOf(call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "functions"), cancellationToken);
            return pluginName is not null && ValueTracking.ConstantString(pluginName, cancellationToken) is { } named && functions is not null
                ? new Plugin(null, named, functions)
                : null;
        }

        INamedTypeSymbol? type;
        if (_fromType.Contains(call.TargetMethod))
        {
            type = call.TargetMethod.TypeArguments.FirstOrDefault() as INamedTypeSymbol;
        }
        else
        {
            var target = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "target")?.Value;
            var made = target is null ? null : ValueTracking.Source(target, cancellationToken);
            type = made is not null && ValueTracking.Unwrap(made) is IObjectCreationOperation created ? created.Type as INamedTypeSymbol : null;
        }

        var name = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pluginName");
        if (type is null || type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        if (name is null || name.ArgumentKind == ArgumentKind.DefaultValue || ValueTracking.Unwrap(name.Value) is ILiteralOperation { ConstantValue.Value: null })
        {
            return new Plugin(type, type.Name, NoFunctions);
        }

        return ValueTracking.ConstantString(name.Value, cancellationToken) is { } constant ? new Plugin(type, constant, NoFunctions) : null;
    }

    private static readonly IReadOnlyList<IInvocationOperation> NoFunctions = new IInvocationOperation[0];

    // The KernelFunctionFactory.CreateFromMethod calls a plugin's functions are: written in the list, or in locals it
    // names. Null when the list holds anything else (a function made from a prompt, a list built elsewhere).
    private IReadOnlyList<IInvocationOperation>? FunctionsOf(IArgumentOperation? argument, CancellationToken cancellationToken)
    {
        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return NoFunctions;
        }

        var list = ValueTracking.Source(argument.Value, cancellationToken);
        if (list is null)
        {
            return null;
        }

        var functions = new List<IInvocationOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(ValueTracking.Unwrap(list));
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            switch (operation)
            {
                case IInvocationOperation made when _createFromMethod.Contains(made.TargetMethod):
                    functions.Add(made);
                    continue;
                case ILocalReferenceOperation local when ValueTracking.Source(local, cancellationToken) is { } initializer
                    && ValueTracking.Unwrap(initializer) is IInvocationOperation madeInLocal && _createFromMethod.Contains(madeInLocal.TargetMethod):
                    functions.Add(madeInLocal);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Add", Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } add:
                    // new List<KernelFunction> { f, g }: each element is an Add.
                    foreach (var element in add.Arguments)
                    {
                        pending.Push(ValueTracking.Unwrap(element.Value));
                    }

                    continue;
                case IInvocationOperation or ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation:
                    return null;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        return functions;
    }

    /// <summary>A plugin added to the kernel: a type's <c>[KernelFunction]</c> methods, or functions made from methods.</summary>
    public sealed class Plugin
    {
        public Plugin(INamedTypeSymbol? type, string name, IReadOnlyList<IInvocationOperation> functions)
        {
            Type = type;
            Name = name;
            Functions = functions;
        }

        public INamedTypeSymbol? Type { get; }

        public string Name { get; }

        public IReadOnlyList<IInvocationOperation> Functions { get; }

        public void Deconstruct(out INamedTypeSymbol? type, out string name, out IReadOnlyList<IInvocationOperation> functions)
        {
            type = Type;
            name = Name;
            functions = Functions;
        }
    }

    // A kernel made in view: new Kernel(…), or Build() on a builder (Kernel.CreateBuilder()…, a builder local).
    private (IOperation Creation, ILocalSymbol? Builder)? BuilderOf(IOperation source)
    {
        switch (source)
        {
            case IObjectCreationOperation creation when SdkSymbol.Is(creation.Type, _kernel) && creation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue):
                return (creation, null);
            case IInvocationOperation { TargetMethod.Name: "Build" } build when SdkSymbol.Is(build.Type, _kernel):
                // The builder's chain down to Kernel.CreateBuilder() or a local holding a builder.
                IOperation? step = build.Instance ?? build.Arguments.FirstOrDefault()?.Value;
                for (var depth = 0; step is not null && depth < 16; depth++)
                {
                    step = ValueTracking.Unwrap(step);
                    switch (step)
                    {
                        case ILocalReferenceOperation local:
                            return ValueTracking.Source(step, default) is { } made && IsBuilderChain(made) ? (build, local.Local) : null;
                        case IInvocationOperation { TargetMethod.Name: "CreateBuilder" } create when SdkSymbol.Is(create.TargetMethod.ContainingType, _kernel):
                            return (build, null);
                        case IInvocationOperation chained:
                            step = chained.Instance ?? chained.Arguments.FirstOrDefault()?.Value;
                            break;
                        default:
                            return null;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // Kernel.CreateBuilder() with Semantic Kernel's own steps after it (AddOpenAIChatCompletion(…)).
    private bool IsBuilderChain(IOperation made)
    {
        IOperation? step = ValueTracking.Unwrap(made);
        for (var depth = 0; step is IInvocationOperation call && depth < 16; depth++)
        {
            if (call.TargetMethod.Name == "CreateBuilder" && SdkSymbol.Is(call.TargetMethod.ContainingType, _kernel))
            {
                return true;
            }

            step = call.Instance ?? call.Arguments.FirstOrDefault()?.Value;
            step = step is null ? null : ValueTracking.Unwrap(step);
        }

        return false;
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }
}
