using System.ComponentModel;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.SemanticKernel.Recipes;

/// <summary>A plugin function that itself prompts the model through the kernel it is given.</summary>
public sealed class RecipePlugin
{
    private static string BuildRecipePrompt(string dish, int servings) =>
        $"Write a recipe for {dish} for {servings} people. List the ingredients first, then the steps.";

    [KernelFunction("create_recipe")]
    [Description("Creates a recipe for a dish")]
    public async Task<string> CreateRecipeAsync(Kernel kernel, [Description("The dish")] string dish, [Description("Number of servings")] int servings = 2)
    {
        var result = await kernel.InvokePromptAsync(BuildRecipePrompt(dish, servings));
        return result.ToString();
    }

    [KernelFunction("shopping_list")]
    [Description("Turns a recipe into a shopping list")]
    public async Task<string> ShoppingListAsync(Kernel kernel, [Description("The recipe text")] string recipe)
    {
        var result = await kernel.InvokePromptAsync("Make a shopping list grouped by supermarket aisle from this recipe:\n{{$recipe}}", new() { ["recipe"] = recipe });
        return result.ToString();
    }
}
