using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Extraction;

/// <summary>Typed responses, prompts with literal braces and quotes, and builders in lambdas and local functions.</summary>
public sealed class StructuredExtraction(IChatClient client)
{
    public sealed record Address(string Street, string City, string PostalCode);

    public async Task<Address> ParseAddressAsync(string text)
    {
        var response = await client.GetResponseAsync<Address>($$"""
            Extract the postal address from the text below. Reply with JSON like {"street": "...", "city": "...", "postalCode": "..."}.

            {{text}}
            """);
        return response.Result;
    }

    public async Task<string> QuoteAsync(string person)
    {
        var response = await client.GetResponseAsync(@"Give one famous quote by the person below, in the form ""quote"" - author.
Person: " + person);
        return response.Text;
    }

    public async Task<List<string>> KeywordsAsync(string article)
    {
        Func<string, int, string> build = (body, count) => $"List {count} keywords for this article, one per line:\n{body}";
        var response = await client.GetResponseAsync(build(article, 5));
        return new List<string>(response.Text.Split('\n'));
    }

    public async Task<string> ToneAsync(string message)
    {
        string Describe(string text) => $"Describe the tone of this message in one word: {text}";

        var response = await client.GetResponseAsync(Describe(message), new ChatOptions { MaxOutputTokens = 10 });
        return response.Text;
    }
}
