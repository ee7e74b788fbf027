namespace Contoso.Helpdesk;

/// <summary>Finds the prompt files shipped next to the application.</summary>
public sealed class PromptCatalog
{
    private static readonly string[] Patterns = { "*.prompty", "*.prompt.yml", "*.yaml", "skprompt.txt", "*.tools.json", "*.md" };
    private readonly string _root;

    public PromptCatalog(string root) => _root = root;

    public IEnumerable<string> Names()
        => Patterns.SelectMany(p => Directory.EnumerateFiles(_root, p, SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(_root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public string Load(string name) => File.ReadAllText(Path.Combine(_root, name));
}
