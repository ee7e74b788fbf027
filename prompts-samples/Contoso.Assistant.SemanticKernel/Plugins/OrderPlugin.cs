using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Contoso.Kernel.Plugins;

/// <summary>Order lookups the model can call.</summary>
public sealed class OrderPlugin
{
    [KernelFunction("get_order_status")]
    [Description("Gets the delivery status of an order.")]
    public string GetOrderStatus([Description("The order number.")] string orderNumber) => $"Order {orderNumber} is in transit.";
}
