using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A page of a documentation site, by its front matter: <c>title</c> with the keys a site generator reads (Jekyll's
/// <c>layout</c>/<c>permalink</c>, Docusaurus' <c>sidebar_position</c>/<c>slug</c>, Just the Docs' <c>nav_order</c>,
/// DocFX's <c>uid</c>, an <c>author</c>), or any Microsoft Learn <c>ms.*</c> key. Pages about prompts often sit in a
/// folder named <c>prompts/</c>; a plain template has no front matter of this kind (whatever front matter it has would
/// be sent as text), so such a file is documentation, never a prompt.
/// </summary>
internal static class DocumentationPage
{
    private static readonly string[] SiteKeys = { "author", "authors", "layout", "permalink", "sidebar_position", "sidebar_label", "nav_order", "slug", "uid" };

    /// <summary>True when <paramref name="head"/> (the start of a file) opens with a documentation page's front matter.</summary>
    public static bool Matches(string head)
    {
        var (bodyStart, _) = FrontMatter.BodyStart(head.TrimStart('\uFEFF'));
        if (bodyStart == 0)
        {
            return false;
        }

        var title = false;
        var site = false;
        foreach (var raw in head.TrimStart('\uFEFF').Substring(0, Math.Min(bodyStart, head.Length)).Split('\n'))
        {
            var colon = raw.IndexOf(':');
            if (colon <= 0 || raw[0] is ' ' or '\t' or '-')
            {
                continue;
            }

            var key = raw.Substring(0, colon).Trim().ToLowerInvariant();
            if (key.StartsWith("ms.", StringComparison.Ordinal))
            {
                return true;
            }

            title |= key == "title";
            site |= Array.IndexOf(SiteKeys, key) >= 0;
        }

        return title && site;
    }
}
