using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Store;

/// <summary>A shop assistant whose conversation starts in the constructor and is sent from another method.</summary>
public sealed class StoreConcierge
{
    private readonly IChatClient _chatClient;
    private readonly ChatOptions _chatOptions;
    private readonly IReadOnlyList<Product> _catalog;
    private readonly List<Product> _cart = new();

    public StoreConcierge(IChatClient chatClient, IReadOnlyList<Product> catalog)
    {
        _chatClient = chatClient;
        _catalog = catalog;
        _chatOptions = new ChatOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(FindProducts),
                AIFunctionFactory.Create(AddToCart),
                AIFunctionFactory.Create(GetCart),
            ],
        };

        Messages =
        [
            new ChatMessage(ChatRole.System, """
                You are the assistant of an online shop for hiking gear.
                Only answer questions about the shop's products, orders and the customer's cart.
                Keep answers short and friendly.
                """),
            new ChatMessage(ChatRole.Assistant, "Hello! What are you looking for today?"),
        ];
    }

    public IList<ChatMessage> Messages { get; }

    public async Task SendAsync(string userText)
    {
        Messages.Add(new ChatMessage(ChatRole.User, userText));
        var response = await _chatClient.GetResponseAsync(Messages, _chatOptions);
        Messages.AddMessages(response);
    }

    [Description("Searches the catalog for products matching a description")]
    private string FindProducts([Description("Words describing the product")] string query, int maxResults = 5)
        => JsonSerializer.Serialize(_catalog.Where(p => p.Name.Contains(query, StringComparison.OrdinalIgnoreCase)).Take(maxResults));

    [Description("Adds a product to the customer's cart")]
    private string AddToCart([Description("The product id")] int productId)
    {
        var product = _catalog.FirstOrDefault(p => p.Id == productId);
        if (product is null)
        {
            return "No such product.";
        }

        _cart.Add(product);
        return "Added.";
    }

    [Description("Lists the products in the customer's cart")]
    private Task<string> GetCart() => Task.FromResult(JsonSerializer.Serialize(_cart));
}

public sealed record Product(int Id, string Name, decimal Price);
