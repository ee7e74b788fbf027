using System;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>Reads plain <c>.txt</c>/<c>.md</c> templates: the whole file is one system message with <c>{{name}}</c>, <c>{{$name}}</c> or <c>{name}</c> holes.</summary>
public static class TextFrontEnd
{
    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var text = TextNormalizer.NormalizeLineEndings(input.Text);
        var message = new PromptMessage(PromptRole.System, TemplateSyntax.Split(text, TemplateFlavor.Plain, new SourceLocation(input.Path, 1, 1), 1));
        var template = new PromptTemplate(input.Id, new SourceLocation(input.Path, 1, 1), PromptRole.System, new[] { message });
        return PromptFileResult.Of(template, Array.Empty<PromptFileProblem>());
    }

    /// <summary>
    /// Reads a file sent as it is (kind <c>verbatim</c>): one system message of static text, with no holes, for prompts
    /// whose braces are content (code, another tool's template syntax, <c>{{BaseURL}}</c> in instructions).
    /// </summary>
    public static PromptFileResult ReadVerbatim(PromptFileInput input)
    {
        var text = TextNormalizer.NormalizeLineEndings(input.Text);
        var segment = PromptSegment.Static(text).WithOrigin(new SourceLocation(input.Path, 1, 1));
        var message = new PromptMessage(PromptRole.System, new[] { segment });
        var template = new PromptTemplate(input.Id, new SourceLocation(input.Path, 1, 1), PromptRole.System, new[] { message });
        return PromptFileResult.Of(template, Array.Empty<PromptFileProblem>());
    }
}
