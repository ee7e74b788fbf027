using Contoso.Helpdesk;

// The helpdesk loads its prompts from files at run time; PromptLint measures the same files at build time.
var catalog = new PromptCatalog(AppContext.BaseDirectory);
foreach (var name in catalog.Names())
{
    Console.WriteLine($"{name}: {catalog.Load(name).Length} characters");
}
