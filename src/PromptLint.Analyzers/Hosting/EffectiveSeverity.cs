using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using PromptLint.Contracts.Rules;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// The severity the build gives a diagnostic, worked out the way the compiler does, so the hand-over lists findings
/// at the level the build printed them: command-line and rule-set options, then <c>.editorconfig</c> for the file,
/// then the global config, then the rule's default; warnings-as-errors; and <c>#pragma warning disable</c> or a
/// <c>[SuppressMessage]</c> on the enclosing member or type in C#, or an <c>[assembly: SuppressMessage]</c> (a
/// <c>GlobalSuppressions.cs</c>) for the whole compilation or a targeted member, type or namespace. Returns null for a
/// suppressed or hidden diagnostic.
/// </summary>
internal sealed class EffectiveSeverity
{
    private readonly CompilationOptions _options;
    private readonly Lazy<AssemblySuppressions> _assembly;
    private readonly ConcurrentDictionary<SyntaxTree, TreeSuppressions> _trees = new();

    public EffectiveSeverity(Compilation compilation)
    {
        _options = compilation.Options;
        _assembly = new Lazy<AssemblySuppressions>(() => AssemblySuppressions.Read(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>"error", "warning" or "info", or null when the build does not show the diagnostic.</summary>
    public string? Of(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var descriptor = diagnostic.Descriptor;
        var report = Configured(descriptor.Id, diagnostic.Location.SourceTree, cancellationToken);
        if (report == ReportDiagnostic.Default)
        {
            report = descriptor.IsEnabledByDefault ? ToReport(diagnostic.Severity) : ReportDiagnostic.Suppress;
        }

        if (report == ReportDiagnostic.Warn && _options.GeneralDiagnosticOption == ReportDiagnostic.Error
            && !_options.SpecificDiagnosticOptions.ContainsKey(descriptor.Id))
        {
            report = ReportDiagnostic.Error;
        }

        if (_options.GeneralDiagnosticOption == ReportDiagnostic.Suppress && report is ReportDiagnostic.Warn or ReportDiagnostic.Info)
        {
            report = ReportDiagnostic.Suppress;
        }

        if (report is ReportDiagnostic.Suppress or ReportDiagnostic.Hidden)
        {
            return null;
        }

        if (diagnostic.Location.SourceTree is { } tree && IsSuppressedInSource(tree, diagnostic.Location.SourceSpan.Start, descriptor.Id, cancellationToken))
        {
            return null;
        }

        if (_assembly.Value.IsSuppressed(descriptor.Id, diagnostic.Location.SourceTree, diagnostic.Location.SourceSpan.Start))
        {
            return null;
        }

        return report switch
        {
            ReportDiagnostic.Error => SeverityNames.Error,
            ReportDiagnostic.Warn => SeverityNames.Warning,
            _ => SeverityNames.Info,
        };
    }

    /// <summary>True when a rule is switched off for a file (or, for a file outside the compilation, for the project).</summary>
    public bool IsOff(DiagnosticDescriptor descriptor, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        var report = Configured(descriptor.Id, tree, cancellationToken);
        return report == ReportDiagnostic.Suppress || (report == ReportDiagnostic.Default && !descriptor.IsEnabledByDefault);
    }

    private ReportDiagnostic Configured(string id, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        // Command-line and rule-set options win; '/warnaserror-:id' is stored as Default and lets the config speak.
        if (_options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) && specific != ReportDiagnostic.Default)
        {
            return specific;
        }

        var provider = _options.SyntaxTreeOptionsProvider;
        if (provider is not null)
        {
            if (tree is not null && provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var forTree))
            {
                return forTree;
            }

            if (provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var global))
            {
                return global;
            }
        }

        return ReportDiagnostic.Default;
    }

    private static ReportDiagnostic ToReport(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => ReportDiagnostic.Error,
        DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
        DiagnosticSeverity.Info => ReportDiagnostic.Info,
        _ => ReportDiagnostic.Hidden,
    };

    private bool IsSuppressedInSource(SyntaxTree tree, int position, string id, CancellationToken cancellationToken)
        => _trees.GetOrAdd(tree, t => TreeSuppressions.Read(t, cancellationToken)).IsSuppressed(position, id);

    /// <summary>The <c>#pragma warning</c> directives and <c>SuppressMessage</c> spans of one file.</summary>
    private sealed class TreeSuppressions
    {
        private static readonly TreeSuppressions None = new(new List<(int, bool, string[])>(), new List<(TextSpanRange, string)>());

        private readonly List<(int Position, bool Disable, string[] Ids)> _pragmas;
        private readonly List<(TextSpanRange Span, string Id)> _attributes;

        private TreeSuppressions(List<(int, bool, string[])> pragmas, List<(TextSpanRange, string)> attributes)
        {
            _pragmas = pragmas;
            _attributes = attributes;
        }

        public static TreeSuppressions Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var root = tree.GetRoot(cancellationToken);
            var text = tree.GetText(cancellationToken).ToString();
            if (text.IndexOf("#pragma", StringComparison.Ordinal) < 0 && text.IndexOf("SuppressMessage", StringComparison.Ordinal) < 0)
            {
                return None;
            }

            var pragmas = new List<(int, bool, string[])>();
            foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true).Select(t => t.GetStructure()).OfType<PragmaWarningDirectiveTriviaSyntax>())
            {
                var ids = directive.ErrorCodes.Select(code => code.ToString().Trim()).ToArray();
                pragmas.Add((directive.SpanStart, directive.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword), ids));
            }

            var attributes = new List<(TextSpanRange, string)>();
            foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
            {
                var name = attribute.Name.ToString();
                if (!name.EndsWith("SuppressMessage", StringComparison.Ordinal) && !name.EndsWith("SuppressMessageAttribute", StringComparison.Ordinal))
                {
                    continue;
                }

                // [SuppressMessage("Category", "PL0003:Title")] on a member or type covers its declaration.
                if (attribute.ArgumentList?.Arguments.Count >= 2
                    && attribute.ArgumentList.Arguments[1].Expression is LiteralExpressionSyntax { Token.ValueText: { } checkId }
                    && attribute.Parent?.Parent is MemberDeclarationSyntax member)
                {
                    var colon = checkId.IndexOf(':');
                    attributes.Add((new TextSpanRange(member.SpanStart, member.Span.End), (colon < 0 ? checkId : checkId.Substring(0, colon)).Trim()));
                }
            }

            return new TreeSuppressions(pragmas, attributes);
        }

        public bool IsSuppressed(int position, string id)
        {
            foreach (var (span, suppressed) in _attributes)
            {
                if (position >= span.Start && position < span.End && string.Equals(suppressed, id, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            var disabled = false;
            foreach (var (at, disable, ids) in _pragmas)
            {
                if (at > position)
                {
                    break;
                }

                if (ids.Length == 0 || ids.Any(i => string.Equals(i, id, StringComparison.OrdinalIgnoreCase)))
                {
                    disabled = disable;
                }
            }

            return disabled;
        }
    }

    private readonly struct TextSpanRange
    {
        public TextSpanRange(int start, int end)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }

        public int End { get; }
    }
}
