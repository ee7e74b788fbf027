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

/// <summary>
/// Jinja files that render configuration files without saying so in their names (an Ansible playbook's templates/
/// folder, a Salt state's files): told by the configuration tool's variables or by having no line of prose.
/// </summary>
public sealed class JinjaConfigTemplateContentTests
{
    private static PromptFileKind Found(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("# refresh the checkout every night\n{{ minute }} 3 * * * {{ user }} git -C {{ dir }} pull --ff-only >> {{ log }} 2>&1\n")]
    [InlineData("{{ log_path }} {\n  rotate 14\n  weekly\n  compress\n  missingok\n}\n")]
    [InlineData("[server]\nport={{ port }}\nworkers = {{ workers | default(4) }}\n; tuned for small hosts\n")]
    [InlineData("# {{ ansible_managed }}\nWelcome to {{ inventory_hostname }}. This host is managed centrally, so local changes will be overwritten.\n")]
    [InlineData("{% for host in groups['web'] %}\nbackend {{ host }} {{ hostvars[host]['ip'] }}:8080\n{% endfor %}\n")]
    [InlineData("listen_address: {{ grains['ipv4'][0] }}\ncluster: {{ pillar['cluster_name'] }}\n")]
    public void ConfigurationTemplateInATemplatesFolder_IsNotTakenByDefault(string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Found("site/templates/service.j2", text));
    }

    [Theory]
    [InlineData("site/templates/summarise.j2", "Summarise the support ticket below in three short bullet points for the on-call engineer.\n\n{{ ticket }}\n")]
    [InlineData("site/templates/compose.jinja2", "{{ system_text }}\n\n{{ question }}\n")]
    [InlineData("flows/triage/classify.jinja2", "# system:\nClassify the ticket.\n# user:\n{{ ticket }}\n")]
    [InlineData("site/templates/triage_prompt.j2", "severity={{ severity }}\n")]
    [InlineData("app/prompts/settings.j2", "mode={{ mode }}\n")]
    public void PromptTemplates_AreStillTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Jinja, Found(path, text));
    }
}
