using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// The <c>[assembly: SuppressMessage(…)]</c> and <c>[module: SuppressMessage(…)]</c> of a compilation, read the way the
/// compiler applies them: without a <c>Target</c> the id is off everywhere (prompt files included); with
/// <c>Scope = "member"</c>, <c>"type"</c> or <c>"namespaceanddescendants"</c> and a documentation-id <c>Target</c>
/// (<c>~M:Shop.Bot.Ask(System.String)</c>, <c>~T:Shop.Bot</c>), it is off inside that symbol's declarations. This is
/// where Visual Studio's "Suppress in Suppression File" writes (<c>GlobalSuppressions.cs</c>).
/// </summary>
internal sealed class AssemblySuppressions
{
    public static readonly AssemblySuppressions None = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), new List<(SyntaxTree, int, int, string)>());

    private const string AttributeName = "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute";

    private readonly HashSet<string> _everywhere;
    private readonly List<(SyntaxTree Tree, int Start, int End, string Id)> _spans;

    private AssemblySuppressions(HashSet<string> everywhere, List<(SyntaxTree, int, int, string)> spans)
    {
        _everywhere = everywhere;
        _spans = spans;
    }

    public static AssemblySuppressions Read(Compilation compilation)
    {
        var attributes = compilation.Assembly.GetAttributes().Concat(compilation.SourceModule.GetAttributes())
            .Where(a => a.AttributeClass?.ToDisplayString() == AttributeName && a.ConstructorArguments.Length == 2)
            .ToList();
        if (attributes.Count == 0)
        {
            return None;
        }

        var everywhere = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var spans = new List<(SyntaxTree, int, int, string)>();
        foreach (var attribute in attributes)
        {
            if (attribute.ConstructorArguments[1].Value is not string checkId || checkId.Length == 0)
            {
                continue;
            }

            var colon = checkId.IndexOf(':');
            var id = (colon < 0 ? checkId : checkId.Substring(0, colon)).Trim();
            var scope = Named(attribute, "Scope")?.ToLowerInvariant();
            var target = Named(attribute, "Target");
            if (string.IsNullOrEmpty(target))
            {
                // No target: the compiler treats it as module-wide, whatever the scope says.
                everywhere.Add(id);
                continue;
            }

            if (scope is not ("member" or "type" or "namespaceanddescendants"))
            {
                // "namespace" covers only diagnostics on the namespace declaration itself, "resource" none of ours.
                continue;
            }

            foreach (var symbol in Resolve(compilation, target!, scope))
            {
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    spans.Add((reference.SyntaxTree, reference.Span.Start, reference.Span.End, id));
                }
            }
        }

        return new AssemblySuppressions(everywhere, spans);
    }

    /// <summary>True when an attribute turns the id off at this place (a null tree: a prompt file, only module-wide ones apply).</summary>
    public bool IsSuppressed(string id, SyntaxTree? tree, int position)
    {
        if (_everywhere.Contains(id))
        {
            return true;
        }

        if (tree is null)
        {
            return false;
        }

        foreach (var (spanTree, start, end, suppressed) in _spans)
        {
            if (spanTree == tree && position >= start && position < end && string.Equals(suppressed, id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ISymbol> Resolve(Compilation compilation, string target, string scope)
    {
        // Targets are documentation ids, written with a leading '~' by Visual Studio; older files may leave it out.
        var id = target.StartsWith("~", StringComparison.Ordinal) ? target.Substring(1) : target;
        if (scope == "namespaceanddescendants" && !id.StartsWith("N:", StringComparison.Ordinal))
        {
            id = "N:" + id;
        }

        return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
    }

    private static string? Named(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value as string;
            }
        }

        return null;
    }
}
