namespace PromptLint.Counting.Tokenizers;

/// <summary>Which encoding counts a model's prompts, and whether that count is exact.</summary>
public sealed class TokenizerChoice
{
    internal TokenizerChoice(string model, string encoding, bool exact, bool knownModel, string method, string? family)
    {
        Family = family;
        Model = model;
        Encoding = encoding;
        Exact = exact;
        KnownModel = knownModel;
        Method = method;
    }

    /// <summary>The model name as given (provider prefix kept).</summary>
    public string Model { get; }

    /// <summary>Encoding used to count (<c>o200k_base</c>, <c>cl100k_base</c>).</summary>
    public string Encoding { get; }

    /// <summary>True when the encoding is the model's own tokenizer.</summary>
    public bool Exact { get; }

    /// <summary>False when the model is not in the registry (counted with the default encoding as an estimate).</summary>
    public bool KnownModel { get; }

    /// <summary>How the count is made: the encoding name, or a labelled estimate such as <c>estimate:o200k_base</c>.</summary>
    public string Method { get; }

    /// <summary>
    /// The tokenizer family the model belongs to: its encoding for OpenAI models, the vendor family (<c>claude</c>,
    /// <c>gemini</c>, <c>gemma</c>) for models counted by estimate, null for unknown models. Two models of different
    /// families split the same text differently.
    /// </summary>
    public string? Family { get; }

    /// <summary>Name written to baselines and reports: the encoding when exact, otherwise the estimate label.</summary>
    public string TokenizerName => Exact ? Encoding : Method;
}
