using System;
using System.Linq;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads Handlebars prompt templates (<c>.hbs</c>, <c>.handlebars</c>): <c>&lt;message role="…"&gt;</c> tags are messages,
/// as Semantic Kernel's Handlebars prompts send them (text outside the tags is not sent); without tags the file is one
/// system message. <c>{{name}}</c> is a hole, <c>{{#each}}</c> a loop, <c>{{! … }}</c> a comment.
/// </summary>
public static class HandlebarsFrontEnd
{
    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var text = TextNormalizer.NormalizeLineEndings(input.Text).TrimStart('\uFEFF');
        var origin = new SourceLocation(input.Path, 1, 1);
        var messages = ChatPromptTags.Messages(text)
            .Where(m => m.Body.Length > 0)
            .Select(m => new PromptMessage(m.Role, TemplateSyntax.Split(m.Body, TemplateFlavor.Mustache, TemplateSyntax.Advance(origin, 1, text, m.Start), 1)))
            .ToList();
        if (messages.Count == 0 && text.IndexOf("</message>", StringComparison.OrdinalIgnoreCase) < 0)
        {
            var content = text.Trim();
            if (content.Length > 0)
            {
                var start = TemplateSyntax.Advance(origin, 1, text, text.Length - text.TrimStart().Length);
                messages.Add(new PromptMessage(PromptRole.System, TemplateSyntax.Split(content, TemplateFlavor.Mustache, start, 1)));
            }
        }

        if (messages.Count == 0)
        {
            return PromptFileResult.Empty;
        }

        var location = messages[0].Segments.FirstOrDefault(s => s.Origin is not null)?.Origin ?? origin;
        return PromptFileResult.Of(new PromptTemplate(input.Id, location, messages[0].Role, messages), Array.Empty<PromptFileProblem>());
    }
}
