using System.Text.RegularExpressions;

namespace PromptLint.Counting.Tokenizers;

public sealed partial class TokenizerRegistry
{
#if NET7_0_OR_GREATER
    // The pre-tokenizer patterns as source-generated regexes (the CLI, its native AOT build and the meter): no pattern
    // parsing or Reflection.Emit at start-up, where the AOT build could only interpret. Same patterns, same matches:
    // the tokenizer parity tests count with both builds' engines.
    [GeneratedRegex(O200kPattern, RegexOptions.CultureInvariant)]
    private static partial Regex O200kRegex();

    [GeneratedRegex(Cl100kPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Cl100kRegex();

    internal static Regex? GeneratedPattern(string encoding) => encoding switch
    {
        O200kBase => O200kRegex(),
        Cl100kBase => Cl100kRegex(),
        _ => null,
    };
#else
    // netstandard2.0 (the analyzer) has no regex source generator: TiktokenCounter interprets, then compiles.
    internal static Regex? GeneratedPattern(string encoding) => null;
#endif
}
