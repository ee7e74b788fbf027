using System;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Corpus.Mcp.Inventory;

/// <summary>MCP tools whose methods also take parameters the server supplies (HttpClient, McpServer, services, CancellationToken).</summary>
[McpServerToolType]
public sealed class InventoryTools
{
    [McpServerTool, Description("Gets the stock level of a product in a warehouse.")]
    public static async Task<string> GetStockLevel(
        HttpClient http,
        [Description("The product's SKU")] string sku,
        [Description("The warehouse code, for example OSL1")] string warehouse,
        CancellationToken cancellationToken)
    {
        return await http.GetStringAsync($"/stock/{warehouse}/{sku}", cancellationToken);
    }

    [McpServerTool(Name = "reserve_stock"), Description("Reserves units of a product for an order.")]
    public static string Reserve(
        IInventoryStore store,
        [Description("The product's SKU")] string sku,
        [Description("How many units to reserve")] int quantity)
    {
        return store.Reserve(sku, quantity) ? "Reserved." : "Not enough stock.";
    }

    [McpServerTool(ReadOnly = true), Description("Lists the warehouses.")]
    public static string[] ListWarehouses(McpServer server, RequestContext<CallToolRequestParams> context)
        => ["OSL1", "BER2", "LIS1"];

    [McpServerTool, Description("Counts the products below their reorder level.")]
    public static int CountLowStock(IInventoryStore store, IProgress<ProgressNotificationValue> progress, int threshold = 10)
        => store.CountBelow(threshold);
}

/// <summary>The application's inventory service, injected into the tools.</summary>
public interface IInventoryStore
{
    bool Reserve(string sku, int quantity);

    int CountBelow(int threshold);
}
