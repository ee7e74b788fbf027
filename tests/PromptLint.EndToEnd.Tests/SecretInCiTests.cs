namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// PL0021 through the packed package: a warning on a developer's machine, an error that fails the build in CI
/// (ContinuousIntegrationBuild or CI=true), unless the project says PromptLintSecretsAsErrors=false.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class SecretInCiTests
{
    private readonly PackageFeed _feed;

    public SecretInCiTests(PackageFeed feed) => _feed = feed;

    // Made up for this test, built from pieces so that no scanner takes this file for a leaked key.
    private static readonly string Key = "q0O" + "uTpLdgR+MuzG6BAUx/b8Mrv4aC3imKFCuVCX0uCqWUidC4f2lyscSh+kXOqzyMiXBz2XixgOEcH5YCSgwOw==";

    private Consumer Project(string name)
    {
        var consumer = _feed.NewConsumer(name);
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>");
        consumer.Write("Prompts/reports.prompty", "---\nname: Reports\nmodel:\n  parameters:\n    max_tokens: 200\n---\nsystem:\nRead the reports with DefaultEndpointsProtocol=https;AccountName=contosodocs;AccountKey=" + Key + ";EndpointSuffix=core.windows.net\n\nuser:\n{{question}}\n");
        return consumer;
    }

    private static readonly IReadOnlyDictionary<string, string> NotCi = new Dictionary<string, string> { ["CI"] = "", ["TF_BUILD"] = "" };

    [Fact]
    public void OnADevelopersMachine_ASecretIsAWarning_AndTheBuildSucceeds()
    {
        var result = Project("Contoso.SecretsLocal").BuildWith(NotCi);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(": warning PL0021:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void InCi_ASecretIsAnErrorThatFailsTheBuild_UnlessTheProjectOptsOut()
    {
        var consumer = Project("Contoso.SecretsCi");

        var ci = consumer.BuildWith(new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(ci.ExitCode != 0, ci.ToString());
        Assert.Contains(": error PL0021:", ci.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ci.Output, StringComparison.Ordinal);

        var optedOut = consumer.BuildWith(NotCi, "-p:ContinuousIntegrationBuild=true", "-p:PromptLintSecretsAsErrors=false");
        Assert.True(optedOut.ExitCode == 0, optedOut.ToString());
        Assert.Contains(": warning PL0021:", optedOut.Output, StringComparison.Ordinal);
    }
}
