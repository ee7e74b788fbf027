using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// How real code assembles prompts, folded like literals: a call to a method or local function of the compilation
/// whose body returns text (its parameters become holes named after them, constant arguments text), a
/// <c>StringBuilder</c> filled in sequence, <c>string.Join</c> and <c>string.Format</c> over visible text, and
/// <c>template.Replace("{x}", value)</c>.
/// </summary>
internal sealed partial class TextFolder
{
    /// <summary>Folds one of the builder shapes into <paramref name="segments"/>; false when <paramref name="call"/> is none of them.</summary>
    private bool AppendBuilt(IInvocationOperation call, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        if (method.ContainingType?.SpecialType == SpecialType.System_String)
        {
            return method.Name switch
            {
                "Join" => AppendJoin(call, segments, depth, chain, cancellationToken),
                "Format" => AppendFormat(call, segments, depth, chain, cancellationToken),
                "Replace" => AppendReplace(call, segments, depth, chain, cancellationToken),
                _ => false,
            };
        }

        if (method is { Name: "ToString", Parameters.Length: 0 } && IsStringBuilder(method.ContainingType)
            && call.Instance is { } instance && ValueTracking.Unwrap(instance) is ILocalReferenceOperation builder)
        {
            return AppendStringBuilder(call, builder, segments, depth, chain, cancellationToken);
        }

        // A call that caps its input (text.Truncate(500)) stays the capped hole it always was, even when its body is visible.
        return call.Arguments.Length > 0 && HoleFacts.CapOf(call).Cap is null && AppendCall(call, segments, depth, chain, cancellationToken);
    }

    // BuildPrompt(customer, "terse"): the method's text with each parameter's hole replaced by what the call passes.
    private bool AppendCall(IInvocationOperation call, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;

        // build(article, 5) with Func<…> build = (body, count) => $"…": the lambda is the builder.
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            if (call.Instance is not { } target || ValueTracking.Unwrap(target) is not ILocalReferenceOperation local
                || ValueTracking.LocalInitializer(local) is not { } initializer || IsWrittenAfterDeclaration(local)
                || ValueTracking.Unwrap(initializer) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                return false;
            }

            method = lambda.Symbol;
        }

        if (method.IsVirtual || method.IsAbstract || method.ReturnType.SpecialType != SpecialType.System_String || method.DeclaringSyntaxReferences.Length != 1 || method.MethodKind == MethodKind.DelegateInvoke)
        {
            return false;
        }

        if (MemberText(method, chain, cancellationToken) is not { ParameterHoles: { } holes } text)
        {
            return false;
        }

        var arguments = new IArgumentOperation?[holes.Count];
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal < arguments.Length)
            {
                arguments[parameter.Ordinal] = argument;
            }
        }

        foreach (var segment in text.Segments)
        {
            var index = IndexOf(holes, segment);
            if (index < 0 || arguments[index] is not { ArgumentKind: not ArgumentKind.ParamArray } argument)
            {
                Copy(segment, segments);
                continue;
            }

            var value = new List<PromptSegment>();
            Append(argument.Value, value, depth + 1, chain, cancellationToken);

            // A dynamic argument keeps the parameter's name (what the method calls it), with what the caller shows of it.
            if (value.Count == 1 && value[0].IsHole && !chain.IsParameterHole(value[0]))
            {
                value[0] = PromptSegment.Hole(segment.Text, value[0].IsVolatile, value[0].Cap, value[0].CapUnit);
            }

            foreach (var part in value)
            {
                Copy(part, segments);
            }
        }

        return true;
    }

    // string.Join(", ", a, b) / string.Join("\n", new[] { … }) / string.Join("\n", lines) with lines a local array.
    private bool AppendJoin(IInvocationOperation call, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        if (call.Arguments.Length != 2 || Separator(call.Arguments[0].Value) is not { } separator || ElementsOf(call.Arguments[1].Value, cancellationToken) is not { } elements)
        {
            return false;
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                PromptSegment.AppendStatic(segments, separator);
            }

            Append(elements[i], segments, depth + 1, chain, cancellationToken);
        }

        return true;
    }

    // string.Format(Template, input): the constant format with its {0} items replaced by the arguments.
    private bool AppendFormat(IInvocationOperation call, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        var parameters = call.TargetMethod.Parameters;
        var formatIndex = parameters.Length > 0 && parameters[0].Type.SpecialType != SpecialType.System_String ? 1 : 0;
        var formatArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == formatIndex)?.Value;
        var format = formatArgument?.ConstantValue.Value as string;
        if (format is null && formatArgument is not null && depth < MaxExpressionDepth)
        {
            // A template held in a readonly field or a get-only property is not a constant, but its text may be visible.
            var folded = new List<PromptSegment>();
            Append(formatArgument, folded, depth + 1, chain, cancellationToken);
            format = folded.All(s => !s.IsHole) ? string.Concat(folded.Select(s => s.Text)) : null;
        }

        if (format is null)
        {
            return false;
        }

        var values = call.Arguments.Where(a => a.Parameter?.Ordinal > formatIndex).OrderBy(a => a.Parameter!.Ordinal).Select(a => a.Value).ToList();
        if (values.Count == 1 && ValueTracking.Unwrap(values[0]) is IArrayCreationOperation { Initializer: { } items } && call.Arguments.Last().ArgumentKind == ArgumentKind.ParamArray)
        {
            values = items.ElementValues.ToList();
        }

        var pending = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                pending.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                pending.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                return false;
            }

            var item = format.Substring(i + 1, close - i - 1);
            var digits = item.TakeWhile(char.IsDigit).Count();
            if (digits == 0 || !int.TryParse(item.Substring(0, digits), out var index) || index >= values.Count)
            {
                return false;
            }

            PromptSegment.AppendStatic(segments, pending.ToString());
            pending.Clear();
            if (digits == item.Length)
            {
                Append(values[index], segments, depth + 1, chain, cancellationToken);
            }
            else
            {
                segments.Add(HoleFacts.HoleFor(values[index]));
            }

            i = close;
        }

        PromptSegment.AppendStatic(segments, pending.ToString());
        return true;
    }

    // Template.Replace("{{input}}", input): the template's text with each occurrence of the constant replaced.
    private bool AppendReplace(IInvocationOperation call, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        if (call.Instance is null || call.Arguments.Length != 2 || call.Arguments[0].Value.ConstantValue.Value is not string { Length: > 0 } oldValue
            || call.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        var template = new List<PromptSegment>();
        Append(call.Instance, template, depth + 1, chain, cancellationToken);
        List<PromptSegment>? replacement = null;
        foreach (var segment in template)
        {
            if (segment.IsHole)
            {
                segments.Add(segment);
                continue;
            }

            var text = segment.Text;
            var start = 0;
            for (var at = text.IndexOf(oldValue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(oldValue, start, StringComparison.Ordinal))
            {
                PromptSegment.AppendStatic(segments, text.Substring(start, at - start));
                if (replacement is null)
                {
                    replacement = new List<PromptSegment>();
                    Append(call.Arguments[1].Value, replacement, depth + 1, chain, cancellationToken);
                }

                foreach (var part in replacement)
                {
                    Copy(part, segments);
                }

                start = at + oldValue.Length;
            }

            PromptSegment.AppendStatic(segments, text.Substring(start));
        }

        return true;
    }

    // var sb = new StringBuilder(); sb.AppendLine("…"); sb.Append($"…{x}"); … sb.ToString(): the appends before the
    // ToString in source order. An append that runs conditionally, in a loop or later (a lambda) is a hole; a builder
    // used any other way (passed on, cleared, edited in place) is not folded.
    private bool AppendStringBuilder(IInvocationOperation toString, ILocalReferenceOperation builder, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        var root = Root(toString);
        var declarator = root.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, builder.Local));
        if (declarator?.Initializer?.Value is not { } initializer || ValueTracking.Unwrap(initializer) is not IObjectCreationOperation creation || !IsStringBuilder(creation.Type))
        {
            return false;
        }

        var appends = new List<IInvocationOperation>();
        foreach (var reference in root.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Local, builder.Local))
            {
                continue;
            }

            var user = reference.Parent is IConversionOperation or IParenthesizedOperation ? reference.Parent.Parent : reference.Parent;
            switch (user)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString" } read when IsStringBuilder(read.TargetMethod.ContainingType):
                case IPropertyReferenceOperation { Property.Name: "Length" } when reference.Parent is not ISimpleAssignmentOperation:
                    break;
                case IInvocationOperation append when IsStringBuilder(append.TargetMethod.ContainingType) && append.TargetMethod.Name is "Append" or "AppendLine":
                    // sb.Append("a").Append("b"): the chain on the builder is one sequence of appends.
                    for (var link = append; link is not null; link = link.Parent is IInvocationOperation next && ReferenceEquals(next.Instance, link) && next.TargetMethod.Name is "Append" or "AppendLine" ? next : null)
                    {
                        appends.Add(link);
                    }

                    break;
                default:
                    return false;
            }
        }

        if (creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String) is { ArgumentKind: ArgumentKind.Explicit } start)
        {
            Append(start.Value, segments, depth + 1, chain, cancellationToken);
        }

        var end = toString.Syntax.SpanStart;
        foreach (var append in appends.Where(a => ArgumentsStart(a) < end).OrderBy(ArgumentsStart))
        {
            var value = append.Arguments.Length == 1 ? append.Arguments[0].Value : null;
            if (RunsConditionally(append, root))
            {
                segments.Add(HoleFacts.HoleFor(value ?? append));
                continue;
            }

            if (value is not null)
            {
                Append(value, segments, depth + 1, chain, cancellationToken);
            }
            else if (append.Arguments.Length > 1)
            {
                segments.Add(HoleFacts.HoleFor(append));
            }

            if (append.TargetMethod.Name == "AppendLine")
            {
                PromptSegment.AppendStatic(segments, "\n");
            }
        }

        return true;
    }

    /// <summary>The text of a method or local function: its expression body, or the value of its one return, its last statement.</summary>
    private static ExpressionSyntax? LastReturn(BlockSyntax? body)
    {
        if (body is null || body.Statements.Count == 0 || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax { Expression: { } value })
        {
            return null;
        }

        // Another return (an early exit) means the text depends on the path taken.
        var returns = body.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Count();
        return returns == 1 ? value : null;
    }
}
