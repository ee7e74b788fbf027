using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// A short sentence that only points the reader somewhere else: "See `reference.md` for details.", "For the full list,
/// see [the API page](api.md).", "Refer to the Output section below." Skills and agent files end several sections with
/// the same pointer; it is navigation, not an instruction, and deleting a later copy leaves that section without its
/// link. A sentence that also asks for something ("See `a.md`, then update the config") is not a pointer.
/// </summary>
internal static class CrossReference
{
    // Longer than this, a sentence says more than where to look.
    private const int MaxWords = 18;

    /// <summary>True when <paramref name="text"/> (a sentence, list item or one-line paragraph) is only a pointer to another file, section or link.</summary>
    public static bool IsPointer(string text)
    {
        var sentence = Marker.Replace(text.Trim(), string.Empty);
        if (sentence.Length == 0 || sentence.IndexOf('\n') >= 0 || sentence.IndexOf(';') >= 0)
        {
            return false;
        }

        // What it points to is taken out before the sentence is read: a path's dots, a link's text.
        var words = Target.Replace(sentence, " X ");
        if (Target.Matches(sentence).Count == 0 && !PlaceWord.IsMatch(words))
        {
            return false;
        }

        return !MoreThanOneSentence.IsMatch(words.TrimEnd('.', '!', ' ', '*', '_'))
            && WordCount(words) <= MaxWords
            && !AlsoInstructs.IsMatch(words)
            && (Pointing.IsMatch(words) || ForMoreSee.IsMatch(words) || ReadForDetails.IsMatch(words));
    }

    private static int WordCount(string text)
    {
        var count = 0;
        for (var match = Word.Match(text); match.Success; match = match.NextMatch())
        {
            count++;
        }

        return count;
    }

    private static readonly Regex Word = new(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant);

    // A list marker and emphasis around the sentence ("- **See** …", "1. _See_ …", "> See …").
    private static readonly Regex Marker = new(@"^(?:>[ \t]*)?(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__|\*|_)?(?:(?:note|tip|more|reference)s?:(?:\*\*|__|\*|_)?[ \t]+)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // Inline code, a Markdown link, a URL or a path with a file extension ("docs/setup.md", "REFERENCE.md").
    private static readonly Regex Target = new(@"`[^`\n]{1,200}`|\[[^\]\n]{1,200}\]\([^)\n]{1,400}\)|\[\[[^\]\n]{1,200}\]\]|https?://\S+|(?<![\w/.-])[\w.-]+(?:/[\w.-]+)*\.(?:md|mdc|txt|json|ya?ml|py|ts|js|cs|html|pdf)\b|(?<![\w/.-])[\w.-]+/[\w./-]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A section of this or another document named in words ("the Output section below", "the setup guide").
    private static readonly Regex PlaceWord = new(@"\b(?:section|chapter|page|guide|document(?:ation)?|docs|reference|appendix|heading|file|below|above)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "See …", "See also …", "Refer to …", "Consult …", "Details are in …", "More examples in …", "Full reference: …", "cf. …".
    private static readonly Regex Pointing = new(@"^(?:see(?![ \t]+(?:that|to|if|whether)\b)(?:[ \t]+also)?\b|refer(?:[ \t]+back)?[ \t]+to\b|consult\b|cf\.|(?:more|further|full|complete)[ \t]+(?:details|information|info|examples|reference|list|guidance)(?:[ \t]+(?:are|is))?(?:[ \t]+(?:in|at|under)\b|:)|details[ \t]+(?:are[ \t]+)?(?:in|at|under)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "For more details, see …", "For the full list of flags, refer to …".
    private static readonly Regex ForMoreSee = new(@"^for[ \t]+(?:more|further|full|additional|complete|detailed|the[ \t]+(?:full|complete))?[ \t]*(?:details|information|info|examples|context|guidance|background|list|reference|specifics|options)\b[^,]{0,60},[ \t]*(?:see|refer[ \t]+to|read|consult|check)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "Read `api.md` for the details.", "Check the setup guide for more information."
    private static readonly Regex ReadForDetails = new(@"^(?:read|check|open|look[ \t]+at|go[ \t]+to|visit)\b.{0,100}\bfor[ \t]+(?:more|further|full|additional|complete|detailed|the)?[ \t]*(?:(?:full|complete)[ \t]+)?(?:details|information|info|examples|specifics|reference|background|list|options)\b[ \t]*[.!]?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // An instruction beside the pointer: "then", "and run", "must", "always", "never", "before you", "make sure".
    private static readonly Regex AlsoInstructs = new(@"\b(?:then|must|always|never|before|after|ensure|make[ \t]+sure|do[ \t]+not|don't|and[ \t]+(?:run|update|write|add|use|follow|apply|fix|create|call))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A full stop, "!" or "?" followed by another sentence (targets already taken out, so "v1.2" or "a.md" do not count).
    private static readonly Regex MoreThanOneSentence = new(@"[.!?][ \t]+\S", RegexOptions.CultureInvariant);
}
