using PromptLint.Core.FrontEnds;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class TemplateSyntaxTests
{
    [Fact]
    public void EmptyText_HasNoSegments()
    {
        Assert.Empty(TemplateSyntax.Split(string.Empty, TemplateFlavor.Jinja));
    }

    [Fact]
    public void TextWithoutHoles_IsOneStaticSegment()
    {
        Assert.Equal(new[] { S("No holes here.") }, Shape(TemplateSyntax.Split("No holes here.", TemplateFlavor.Plain)));
    }

    [Fact]
    public void OnlyAHole_IsOneHoleSegment()
    {
        Assert.Equal(new[] { H("question") }, Shape(TemplateSyntax.Split("{{question}}", TemplateFlavor.Mustache)));
    }

    [Fact]
    public void AdjacentHoles_HaveNoStaticBetweenThem()
    {
        Assert.Equal(new[] { H("a"), H("b") }, Shape(TemplateSyntax.Split("{{a}}{{b}}", TemplateFlavor.Mustache)));
    }

    [Fact]
    public void JinjaFilter_IsDroppedFromTheHoleName()
    {
        var segments = TemplateSyntax.Split("Dear {{ customer.name | title }}, {{ items | join(', ') | upper }}", TemplateFlavor.Jinja);

        Assert.Equal(new[] { S("Dear "), H("customer.name"), S(", "), H("items") }, Shape(segments));
    }

    [Fact]
    public void JinjaWhitespaceControl_IsDroppedFromTheHoleName()
    {
        var segments = TemplateSyntax.Split("A {{- name -}} B {{~ other ~}}", TemplateFlavor.Jinja);

        Assert.Equal(new[] { S("A "), H("name"), S(" B "), H("other") }, Shape(segments));
    }

    [Fact]
    public void JinjaComment_IsDroppedAndTheTextAroundItMerged()
    {
        var segments = TemplateSyntax.Split("Before {# never sent\nto the model #}after.", TemplateFlavor.Jinja);

        Assert.Equal(new[] { S("Before after.") }, Shape(segments));
    }

    [Fact]
    public void JinjaBlockTags_AreHolesNamedAfterTheTag()
    {
        // A loop is one hole, named after its opening tag; a conditional's tags are holes of their own.
        var segments = TemplateSyntax.Split("{% for doc in documents %}- {{doc.title}}\n{% endfor %}", TemplateFlavor.Jinja);
        Assert.Equal(new[] { H("%for doc in documents%") }, Shape(segments));

        segments = TemplateSyntax.Split("{% if vip %}VIP {% endif %}", TemplateFlavor.Jinja);
        Assert.Equal(new[] { H("%if vip%"), S("VIP "), H("%endif%") }, Shape(segments));
    }

    [Fact]
    public void MultilineHole_IsNamedByItsFirstWord()
    {
        var segments = TemplateSyntax.Split("{{\n  question\n}}", TemplateFlavor.Jinja);

        Assert.Equal(new[] { H("question") }, Shape(segments));
    }

    [Fact]
    public void MustacheComment_IsDropped()
    {
        var segments = TemplateSyntax.Split("Hi {{! internal note }}{{name}}", TemplateFlavor.Mustache);

        Assert.Equal(new[] { S("Hi "), H("name") }, Shape(segments));
    }

    [Fact]
    public void MustacheSections_AreHoles()
    {
        var segments = TemplateSyntax.Split("{{#items}}- {{.}}\n{{/items}}", TemplateFlavor.Mustache);

        Assert.Equal(new[] { H("#items"), S("- "), H("."), S("\n"), H("/items") }, Shape(segments));
    }

    [Fact]
    public void HashBracesOutsideJinja_StayStaticText()
    {
        var segments = TemplateSyntax.Split("Use {# as a marker #} for {{name}}.", TemplateFlavor.Mustache);

        Assert.Equal(new[] { S("Use {# as a marker #} for "), H("name"), S(".") }, Shape(segments));
    }

    [Fact]
    public void SemanticKernelVariable_DropsTheDollar()
    {
        var segments = TemplateSyntax.Split("Translate {{$input}} to {{ $language }}.", TemplateFlavor.SemanticKernel);

        Assert.Equal(new[] { S("Translate "), H("input"), S(" to "), H("language"), S(".") }, Shape(segments));
    }

    [Fact]
    public void SemanticKernelFunctionCall_IsNamedAfterTheFunction()
    {
        var segments = TemplateSyntax.Split("{{search.webSearch query=$question}} {{time.now}}", TemplateFlavor.SemanticKernel);

        Assert.Equal(new[] { H("search.webSearch"), S(" "), H("time.now") }, Shape(segments));
    }

    [Fact]
    public void LiquidFilterAndTags_AreHoles()
    {
        var segments = TemplateSyntax.Split("{% if vip %}Dear {{ name | upcase }}{% endif %}", TemplateFlavor.Liquid);

        Assert.Equal(new[] { H("%if vip%"), S("Dear "), H("name"), H("%endif%") }, Shape(segments));
    }

    [Fact]
    public void SingleBraceHoles_AreOnlyReadInPlainText()
    {
        const string text = "Hello {name}, see {{topic}}.";

        Assert.Equal(new[] { S("Hello "), H("name"), S(", see "), H("topic"), S(".") }, Shape(TemplateSyntax.Split(text, TemplateFlavor.Plain)));
        Assert.Equal(new[] { S("Hello {name}, see "), H("topic"), S(".") }, Shape(TemplateSyntax.Split(text, TemplateFlavor.Jinja)));
    }

    [Theory]
    [InlineData("Format: {0}")]
    [InlineData("Return {\"ok\": true}")]
    [InlineData("if (x) { return y; }")]
    [InlineData("Set {not a hole}")]
    [InlineData("Use {-1} here")]
    public void PlainTextBracesThatAreNotIdentifiers_StayStatic(string text)
    {
        Assert.Equal(new[] { S(text) }, Shape(TemplateSyntax.Split(text, TemplateFlavor.Plain)));
    }

    [Fact]
    public void PlainTextHoleSpellings_AllReadTheSameName()
    {
        var segments = TemplateSyntax.Split("{{name}}|{{$name}}|{{ name }}|{name}", TemplateFlavor.Plain);

        Assert.Equal(new[] { H("name"), S("|"), H("name"), S("|"), H("name"), S("|"), H("name") }, Shape(segments));
    }

    [Fact]
    public void EmptyHole_IsNamedQuestionMark()
    {
        Assert.Equal(new[] { S("a "), H("?"), S(" b") }, Shape(TemplateSyntax.Split("a {{ }} b", TemplateFlavor.Mustache)));
    }

    [Theory]
    [InlineData(TemplateFlavor.Plain)]
    [InlineData(TemplateFlavor.Jinja)]
    [InlineData(TemplateFlavor.Mustache)]
    public void Tags_AreWhatTheRegularExpressionTheyReplaceMatched(TemplateFlavor flavor)
    {
        // The linear scanner replaced these expressions (quadratic on unclosed "{{"); on short random brace soup both must agree.
        // A single-brace hole is not one after '$' or '%' ("${HOME}", "%{name}").
        var regex = flavor == TemplateFlavor.Plain
            ? new System.Text.RegularExpressions.Regex(@"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|(?<![{$%])\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")
            : new System.Text.RegularExpressions.Regex(@"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}");
        var random = new Random(13);
        const string alphabet = "{{}}%#a_1 \n";
        for (var n = 0; n < 20_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var expected = regex.Matches(text).Cast<System.Text.RegularExpressions.Match>().Select(m => (m.Index, m.Length));

            Assert.Equal(expected, TemplateSyntax.Tags(text, flavor));
        }
    }

    [Fact]
    public void UnclosedBracesByTheHundredThousand_AreReadInOnePass()
    {
        // Regression (issue 17): 60 KB of "{{" took 30 s. Counted, not timed: the scan looks for "}}" once.
        var text = string.Concat(Enumerable.Repeat("{{", 100_000));

        Assert.Empty(TemplateSyntax.Tags(text, TemplateFlavor.Plain));
        Assert.Equal(text, Assert.Single(TemplateSyntax.Split(text, TemplateFlavor.Plain)).Text);
    }
}
