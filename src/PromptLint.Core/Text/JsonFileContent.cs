using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// JSON that is a file's content or a configuration the user keeps, laid out as that file is: the text just before it
/// names a JSON file ("Add this to `.vscode/mcp.json`:", "write this to settings.json:") or a configuration ("Add the
/// following to your MCP settings:"), or it opens with a configuration file's root key. PL0012 does not ask to minify
/// it. The same holds for JSON a hole splits (a command file's <c>"path": "$ARGUMENTS"</c>): the pieces on either side of
/// the hole, and the blocks nested in them, belong to the structure the lead-in names (see <see cref="SplitRanges"/>).
/// </summary>
internal static class JsonFileContent
{
    /// <summary>
    /// The state of a file-content JSON structure still open at the end of a piece of static text (the hole that follows
    /// splits it): its bracket depth and whether the piece ended inside a JSON string. <see cref="None"/> when no such
    /// structure is open.
    /// </summary>
    internal readonly struct Carry
    {
        public Carry(int depth, bool inString)
        {
            Depth = depth;
            InString = inString;
        }

        public static Carry None => default;

        public int Depth { get; }

        public bool InString { get; }

        public bool IsOpen => Depth > 0;
    }

    /// <summary>True when the JSON block starting at <paramref name="blockStart"/> of <paramref name="text"/> is a file's or a configuration's content.</summary>
    public static bool IsFileContent(string text, int blockStart)
        => NamedByLeadIn(text, blockStart) || ConfigurationRootKey.IsMatch(text.Substring(blockStart, Math.Min(RootKeyWindow, text.Length - blockStart)));

    /// <summary>
    /// The ranges [Start, End) of <paramref name="text"/> inside a file-content JSON structure that does not parse on
    /// its own: one a hole splits (opened in an earlier piece, <paramref name="carryIn"/>, or left open at the end of
    /// this one) or one whose outer brackets hold something else, so that only the blocks nested in it parse. A block
    /// starting in a range is that file's content too. Only a structure whose opening bracket starts its line is
    /// followed, so a brace in prose opens nothing. One pass, linear in the text.
    /// </summary>
    public static List<(int Start, int End)> SplitRanges(string text, Carry carryIn, out Carry carryOut)
    {
        var ranges = new List<(int Start, int End)>();
        var depth = carryIn.Depth;
        var inString = carryIn.InString;
        var fileContent = carryIn.IsOpen;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (depth == 0)
            {
                if (c is '{' or '[' && AtLineStart(text, i))
                {
                    depth = 1;
                    start = i;
                    inString = false;
                    fileContent = IsFileContent(text, i);
                }

                continue;
            }

            if (inString)
            {
                // A JSON string never runs over a line break: a quote in prose that never closes ends at the line's end.
                if (c == '\\')
                {
                    i++;
                }
                else if (c is '"' or '\n')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0 && fileContent)
                    {
                        ranges.Add((start, i + 1));
                    }

                    break;
            }
        }

        if (depth > 0 && fileContent)
        {
            ranges.Add((start, text.Length));
            carryOut = new Carry(depth, inString);
        }
        else
        {
            carryOut = Carry.None;
        }

        return ranges;
    }

    private static bool AtLineStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (text[i] == '\n')
            {
                return true;
            }

            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    // "Add this to `.vscode/mcp.json`:", "In settings.json, add:" or "**.prettierrc:**" on the last line of text before
    // the block (its fence line skipped), or a bare "**Configuration:**" label there: the JSON is the content of a file
    // the model is to write or edit, and is laid out as that file is. Minified, the example would have the model write a
    // one-line configuration file. The file may also be named earlier in the lead-in paragraph ("The manifest lives in
    // `plugin.json`. Its fields:") or in the heading the block sits under ("### .mcp.json", or "## Manifest (plugin.json)"
    // above "### Required fields").
    private static bool NamedByLeadIn(string text, int blockStart)
    {
        var paragraph = BlockContext.LeadParagraph(text, blockStart);
        if (paragraph.Count > 0 && (AddToConfiguration.IsMatch(paragraph[0]) || ConfigurationLabel.IsMatch(paragraph[0])))
        {
            return true;
        }

        foreach (var line in paragraph)
        {
            if (JsonFileName.IsMatch(line))
            {
                return true;
            }
        }

        foreach (var heading in BlockContext.Headings(text, blockStart))
        {
            if (JsonFileName.IsMatch(heading))
            {
                return true;
            }
        }

        return false;
    }

    // "**Configuration:**", "Settings:", "Config example:" alone on the lead-in line: the block is a configuration.
    private static readonly Regex ConfigurationLabel = new(@"^[*_]{0,2}(?:(?:example|sample)[ \t]+)?(?:configuration|config|settings)(?:[ \t]+(?:example|sample|file|format))?[*_]{0,2}:[*_]{0,2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private const int RootKeyWindow = 200;

    // The root keys of configuration files people edit by hand (package.json, tsconfig.json, an MCP client's server
    // list, an ASP.NET Core appsettings.json), and the dotted keys of an editor's settings.json ("editor.tabSize",
    // "python.analysis.typeCheckingMode"): a block that opens with one is that file's content whatever the line before
    // it says.
    private static readonly Regex ConfigurationRootKey = new(@"^\{\s*""(?:scripts|dependencies|devDependencies|peerDependencies|compilerOptions|mcpServers|Logging|ConnectionStrings|AllowedHosts|Kestrel|Serilog|[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+)""\s*:", RegexOptions.CultureInvariant);

    // "Add the following to your Claude MCP settings:", "Add this to your editor configuration": the block goes into a
    // configuration the user keeps, named or not.
    private static readonly Regex AddToConfiguration = new(@"\b(?:add|put|paste|merge|append|insert)\b.{0,80}?\b(?:to|in|into)\b.{0,80}?\b(?:config|configuration|settings)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A .json/.jsonc/.json5 file, or a tool's JSON run-control file (.prettierrc, .eslintrc, .babelrc, .stylelintrc, .swcrc).
    private static readonly Regex JsonFileName = new(@"[\w.-]\.json[c5]?\b|\.(?:prettier|eslint|babel|stylelint|swc)rc\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}
