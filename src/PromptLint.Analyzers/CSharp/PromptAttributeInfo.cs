using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// What a <c>[Prompt]</c> attribute declares. Recognized by name (<c>PromptAttribute</c> in any namespace), so the one
/// the package adds to the project and one a team writes itself both work.
/// </summary>
internal sealed class PromptAttributeInfo
{
    private PromptAttributeInfo(string? id, string? model, int? budget, int? maxOutputTokens)
    {
        Id = id;
        Model = model;
        Budget = budget;
        MaxOutputTokens = maxOutputTokens;
    }

    public string? Id { get; }

    public string? Model { get; }

    public int? Budget { get; }

    public int? MaxOutputTokens { get; }

    public static PromptAttributeInfo? Read(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "PromptAttribute")
            {
                continue;
            }

            var id = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
            string? model = null;
            int? budget = null;
            int? cap = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Id":
                        id ??= named.Value.Value as string;
                        break;
                    case "Model":
                        model = named.Value.Value as string;
                        break;
                    case "Budget" when named.Value.Value is int b && b > 0:
                        budget = b;
                        break;
                    case "MaxOutputTokens" when named.Value.Value is int m && m > 0:
                        cap = m;
                        break;
                }
            }

            return new PromptAttributeInfo(string.IsNullOrWhiteSpace(id) ? null : id!.Trim(), string.IsNullOrWhiteSpace(model) ? null : model, budget, cap);
        }

        return null;
    }
}
