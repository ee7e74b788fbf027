using Contoso.Kernel;
using Contoso.Kernel.Plugins;
using Microsoft.SemanticKernel;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    Console.WriteLine("Set OPENAI_API_KEY to run the advisor; the build measures its prompts either way.");
    return;
}

var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", apiKey);
builder.Plugins.AddFromType<OrderPlugin>();
var advisor = new TravelAdvisor(builder.Build());
Console.WriteLine(await advisor.PackingListAsync("Lapland", 5));
