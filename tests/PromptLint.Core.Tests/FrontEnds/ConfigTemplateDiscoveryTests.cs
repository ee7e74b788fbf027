using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// The default globs take every Jinja file; one that renders a configuration or code file (an inner extension such as
/// <c>.conf.j2</c>, a <c>Dockerfile.j2</c>, an Ansible role's templates) is not a prompt unless a user lists it.
/// </summary>
public sealed class ConfigTemplateDiscoveryTests
{
    private const string ServerBlock = "server {\n  listen {{ http_port }};\n  server_name {{ inventory_hostname }};\n{% for upstream in upstreams %}\n  location /{{ upstream.name }} { proxy_pass {{ upstream.url }}; }\n{% endfor %}\n}\n";

    private const string ChatTemplate = "# system:\nYou are a careful assistant that summarises support tickets in three bullet points.\n\n# user:\n{{ ticket }}\n";

    private static PromptFileKind Found(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("deploy/nginx/site.conf.j2")]
    [InlineData("charts/api/values.yaml.j2")]
    [InlineData("infra/settings.json.jinja")]
    [InlineData("web/index.html.jinja2")]
    [InlineData("build/Dockerfile.j2")]
    [InlineData("ansible/roles/webserver/templates/site.j2")]
    [InlineData("roles/monitoring/templates/alerts/disk.j2")]
    public void JinjaThatRendersAConfigurationFile_IsNotTakenByDefault(string path)
    {
        Assert.Equal(PromptFileKind.Unknown, Found(path, ServerBlock));
    }

    [Theory]
    [InlineData("flows/support/chat.jinja2")]
    [InlineData("app/prompts/summarise.j2")]
    [InlineData("app/templates/summarise.txt.j2")]
    [InlineData("app/templates/summarise.md.jinja")]
    public void JinjaPromptTemplates_AreStillTaken(string path)
    {
        Assert.Equal(PromptFileKind.Jinja, Found(path, ChatTemplate));
    }

    [Fact]
    public void AConfigurationTemplateAUserLists_IsReadAsJinja()
    {
        Assert.Equal(PromptFileKind.Jinja, PromptFileKinds.Resolve("auto", "deploy/nginx/site.conf.j2", ServerBlock.Length, () => ServerBlock, 1_000_000));
    }
}
