using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 29 held-out shapes through the packed package: a GitHub agentic workflow (<c>.github/workflows/*.md</c>, a
/// hidden folder the SDK's globs skip) and one OpenAI function saved as a JSON file of its own are found and measured
/// with no configuration; the workflow YAML beside them, a JSON Schema document and a package.json are not.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class HeldOutDiscoveryShapesTests
{
    private readonly PackageFeed _feed;

    public HeldOutDiscoveryShapesTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void AgenticWorkflowAndSingleFunctionFile_AreFoundAndMeasured_LookAlikesAreNot()
    {
        var consumer = _feed.NewConsumer("Contoso.HeldOut");
        consumer.Write(".github/workflows/triage.md", "---\non:\n  issues:\n    types: [opened]\nengine: copilot\nsafe-outputs:\n  add-labels:\n---\nLabel issue #${{ github.event.issue.number }} as a bug, a feature or a question.\n");
        consumer.Write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        consumer.Write("functions/create_ticket.json", "{\n  \"name\": \"create_ticket\",\n  \"description\": \"Open a support ticket.\",\n  \"parameters\": { \"type\": \"object\", \"properties\": { \"subject\": { \"type\": \"string\" } } }\n}\n");
        consumer.Write("schemas/ticket.json", "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"title\": \"Ticket\", \"type\": \"object\", \"properties\": { \"id\": { \"type\": \"string\" } } }\n");
        consumer.Write("package.json", "{ \"name\": \"contoso-heldout\", \"description\": \"web assets\" }\n");

        var (result, report, measured) = consumer.BuildPromptFiles();
        Assert.Equal(new[] { ".github/workflows/triage.md", "functions/create_ticket.json" }, measured.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(measured, m => Assert.True(m.Value > 0, $"{m.Key}: {m.Value} tokens"));
        // The workflow's front matter is configuration: only its one-line task is measured.
        Assert.True(measured[".github/workflows/triage.md"] < 25, $"{measured[".github/workflows/triage.md"]} tokens");
    }
}
