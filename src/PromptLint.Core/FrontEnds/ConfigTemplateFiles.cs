using System;
using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Jinja files that render a configuration or code file, not a prompt, told by their path alone: an inner extension
/// naming another format (<c>nginx.conf.j2</c>, <c>values.yaml.j2</c>, <c>settings.json.jinja</c>,
/// <c>index.html.j2</c>, <c>Dockerfile.j2</c>), or any template of an Ansible role (<c>roles/&lt;role&gt;/templates/</c>).
/// The default globs take every <c>*.j2</c>, <c>*.jinja</c> and <c>*.jinja2</c>; these are left alone unless a user
/// lists them. A <c>.txt.j2</c> or <c>.md.j2</c> stays a prompt candidate: text is what prompts are written in.
/// </summary>
internal static class ConfigTemplateFiles
{
    private static readonly HashSet<string> OtherFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "conf", "cfg", "cnf", "ini", "env", "properties", "toml", "yml", "yaml", "json", "xml", "plist", "csv",
        "html", "htm", "xhtml", "css", "scss", "js", "mjs", "ts", "tsx", "jsx", "vue", "svg",
        "sh", "bash", "zsh", "ps1", "bat", "cmd", "py", "rb", "pl", "php", "go", "rs", "java", "kt", "cs", "c", "h", "cpp",
        "sql", "tf", "tfvars", "hcl", "nomad", "service", "timer", "socket", "mount", "rules", "repo", "list", "desktop",
    };

    private static readonly HashSet<string> ConfigNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "dockerfile", "containerfile", "makefile", "vagrantfile", "jenkinsfile", "procfile", "crontab", "hosts", "sudoers",
    };

    /// <summary>True for a Jinja file whose path says it renders something other than a prompt.</summary>
    public static bool IsConfigTemplate(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        var name = normalized.Substring(slash + 1);
        var outer = name.LastIndexOf('.');
        if (outer <= 0)
        {
            return false;
        }

        var stem = name.Substring(0, outer);
        var inner = stem.LastIndexOf('.');
        if (inner >= 0 ? OtherFormats.Contains(stem.Substring(inner + 1)) : ConfigNames.Contains(stem))
        {
            return true;
        }

        return InAnsibleRoleTemplates(normalized);
    }

    // roles/<role>/templates/... : Ansible's layout for the files a role renders onto hosts.
    private static bool InAnsibleRoleTemplates(string normalized)
    {
        var parts = normalized.Split('/');
        for (var i = 0; i + 3 < parts.Length; i++)
        {
            if (string.Equals(parts[i], "roles", StringComparison.OrdinalIgnoreCase) && string.Equals(parts[i + 2], "templates", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
