using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, eighth held-out round: a Flask app's <c>templates/*.j2</c> web pages (HTML with <c>{% extends %}</c> and
/// <c>{% block %}</c>) were taken as Jinja prompts and drew PL0012/PL0011/PL0004. A page template is not found by
/// default; Promptflow chat templates with role lines and Jinja prompts of prose (XML-like section tags included) are.
/// </summary>
public sealed class JinjaPageTemplateDiscoveryTests
{
    private static PromptFileKind Detect(string path, string text, string kind = PromptFileKinds.DetectKindName)
        => PromptFileKinds.Resolve(kind, path, text.Length, () => text, 1_000_000);

    private const string PageExtendingBase =
        "{% extends \"layout.j2\" %}\n\n{% block title %}Order history{% endblock %}\n\n{% block content %}\n<main class=\"orders\">\n"
        + "    {% include 'parts/nav.j2' %}\n    <h1>Your orders</h1>\n    {% for order in orders %}\n    <div class=\"order\">{{ order.number }}</div>\n"
        + "    {% endfor %}\n</main>\n{% endblock %}\n";

    private const string Component =
        "{# Footer with links #}\n<!-- Footer -->\n<footer class=\"site-footer\">\n    <a href=\"/terms\" class=\"link\"\n       aria-label=\"Terms\">Terms</a>\n"
        + "    <span id=\"year\"></span>\n</footer>\n<script>\n  const y = new Date().getFullYear();\n  document.getElementById('year').textContent = y;\n"
        + "  console.log('footer ready');\n</script>\n";

    // A component that is one script block: its JavaScript lines are markup too.
    private const string ScriptComponent =
        "{# Page start-up #}\n<script>\n  // Show the number of open tickets\n  fetch('/api/tickets/count')\n    .then(r => r.json())\n    .then(d => {\n"
        + "      const el = document.getElementById('open-count');\n      if (el) { el.textContent = d.count; }\n    })\n    .catch(e => console.log('count failed', e));\n"
        + "</script>\n<script type=\"module\" src=\"{{ url_for('static', filename='js/app.js') }}\"></script>\n";

    [Theory]
    [InlineData("/app/web/templates/parts/startup.j2", ScriptComponent)]
    [InlineData("/app/web/templates/orders.j2", PageExtendingBase)]
    [InlineData("/app/web/templates/parts/footer.j2", Component)]
    [InlineData("/app/web/templates/parts/footer.jinja", Component)]
    [InlineData("/app/web/templates/orders.jinja2", PageExtendingBase)]
    public void HtmlPageTemplate_FoundByDefault_IsNotTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Fact]
    public void HtmlPageTemplate_ListedByTheUser_IsStillRead()
    {
        Assert.Equal(PromptFileKind.Jinja, Detect("/app/web/templates/parts/footer.j2", Component, kind: ""));
    }

    [Theory]
    [InlineData("# system:\nYou answer questions about {{ product }}.\n<p>Keep answers short.</p>\n<div>Cite sources.</div>\n\n# user:\n{{ question }}\n")]
    [InlineData("system:\n<div>You are a support agent.</div>\n<p>Be brief.</p>\nuser:\n{{ question }}\n")]
    public void ChatTemplateWithRoleLines_AndHtmlInIt_IsStillAPrompt(string text)
    {
        Assert.Equal(PromptFileKind.Jinja, Detect("/flows/chat/answer.jinja2", text));
    }

    [Theory]
    [InlineData("You summarise the article below in three sentences.\nKeep the author's terms.\n\n{{ article }}\n")]
    [InlineData("<instructions>\nExtract every person and place named in the text.\n</instructions>\n<context>\n{{ text }}\n</context>\n<format>\nOne JSON object per line.\n</format>\n")]
    [InlineData("{% extends \"base_prompt.j2\" %}\n{% block task %}\nClassify the ticket as bug, question or request.\nAnswer with the label only.\n{% endblock %}\n")]
    public void JinjaPromptOfProse_IsStillFound(string text)
    {
        Assert.Equal(PromptFileKind.Jinja, Detect("/app/prompts/task.j2", text));
    }
}
