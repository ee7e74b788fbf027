using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class TextFrontEndTests
{
    private const string Path = "Prompts/welcome.md";

    private const string Welcome = """
        # Welcome assistant

        You greet {{name}} ({{$plan}} plan) on behalf of {{ company }}.
        Mention the ticket {ticketId} if there is one.

        Reply as JSON: {"greeting": "...", "next": "..."}
        """;

    private static PromptFileResult Read(string text, string path = Path) => TextFrontEnd.Read(Input(path, text));

    [Fact]
    public void TextTemplate_IsOneSystemMessageAtLine1()
    {
        var template = Single(Read(Welcome));

        var message = Assert.Single(template.Messages);
        Assert.Equal(PromptRole.System, message.Role);
        Assert.Equal(PromptRole.System, template.Role);
        Assert.Equal(new SourceLocation(Path, 1, 1), template.Location);
        Assert.Equal(Path, template.Id);
        Assert.Null(template.Model);
        Assert.Null(template.ModelLocation);
        Assert.Null(template.OutputCap);
        Assert.Empty(template.Tools);
    }

    [Fact]
    public void TextTemplate_ReadsEveryHoleSpellingAndLeavesJsonBracesStatic()
    {
        var message = Single(Read(Welcome)).Messages[0];

        Assert.Equal(
            new[]
            {
                S("# Welcome assistant\n\nYou greet "),
                H("name"),
                S(" ("),
                H("plan"),
                S(" plan) on behalf of "),
                H("company"),
                S(".\nMention the ticket "),
                H("ticketId"),
                S(" if there is one.\n\nReply as JSON: {\"greeting\": \"...\", \"next\": \"...\"}"),
            },
            Shape(message));
    }

    [Fact]
    public void TxtTemplate_ReadsTheSameWayAsMarkdown()
    {
        var template = Single(Read("Hello {{name}}!", "Prompts/hello.txt"));

        Assert.Equal(new[] { S("Hello "), H("name"), S("!") }, Shape(template.Messages[0]));
    }

    [Fact]
    public void TextTemplateWithoutHoles_IsOneStaticSegment()
    {
        var template = Single(Read("You are a helpful assistant. Answer in English."));

        Assert.Equal(new[] { S("You are a helpful assistant. Answer in English.") }, Shape(template.Messages[0]));
    }

    [Fact]
    public void TextTemplateCrlf_ReadsTheSameAsLf()
    {
        Assert.Equal(Dump(Read(Welcome)), Dump(Read(Crlf(Welcome))));
    }
}
