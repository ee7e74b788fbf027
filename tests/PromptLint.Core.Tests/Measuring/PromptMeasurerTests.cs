using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Measuring;

public class PromptMeasurerTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");
    private static readonly PromptMeasurer Measurer = new(new TokenizerRegistry());

    private static PromptTemplate Template(params PromptMessage[] messages) => Template(null, messages);

    private static PromptTemplate Template(string? model, params PromptMessage[] messages)
        => new("t", new SourceLocation("t.txt", 1, 1), messages[0].Role, messages, model: model);

    private static PromptMessage Message(PromptRole role, params PromptSegment[] segments) => new(role, segments);

    [Fact]
    public void StaticOnly_AllTokensAreStaticAndPrefix()
    {
        const string text = "You are a helpful assistant. Answer briefly.";
        var m = Measurer.Measure(Template(Message(PromptRole.System, PromptSegment.Static(text))), null);

        Assert.Equal(O200k.CountTokens(text), m.StaticTokens);
        Assert.Equal(m.StaticTokens, m.StaticPrefixTokens);
        Assert.Equal(0, m.Holes);
        Assert.Equal("o200k_base", m.Tokenizer);
        Assert.True(m.Exact);
    }

    [Fact]
    public void HoleInTheMiddle_PrefixStopsAtTheHole()
    {
        const string before = "Policy: be concise and polite.\nCustomer: ";
        const string after = "\nAnswer in English.";
        var m = Measurer.Measure(
            Template(Message(PromptRole.System, PromptSegment.Static(before), PromptSegment.Hole("name"), PromptSegment.Static(after))),
            null);

        Assert.Equal(O200k.CountTokens(before) + O200k.CountTokens(after), m.StaticTokens);
        Assert.Equal(O200k.CountTokens(before), m.StaticPrefixTokens);
        Assert.Equal(1, m.Holes);
    }

    [Fact]
    public void HoleFirst_NoCacheablePrefix()
    {
        var m = Measurer.Measure(Template(Message(PromptRole.System, PromptSegment.Hole("now", isVolatile: true), PromptSegment.Static(" long static policy text"))), null);

        Assert.Equal(0, m.StaticPrefixTokens);
        Assert.Equal(O200k.CountTokens(" long static policy text"), m.StaticTokens);
    }

    [Fact]
    public void Messages_AreCountedSeparatelyAndPrefixSpansWholeStaticMessages()
    {
        const string system = "You are a triage bot.";
        const string user = "Ticket: ";
        var m = Measurer.Measure(
            Template(
                Message(PromptRole.System, PromptSegment.Static(system)),
                Message(PromptRole.User, PromptSegment.Static(user), PromptSegment.Hole("ticket"))),
            null);

        Assert.Equal(O200k.CountTokens(system) + O200k.CountTokens(user), m.StaticTokens);
        Assert.Equal(m.StaticTokens, m.StaticPrefixTokens);
    }

    [Fact]
    public void Tools_CountAsStaticPrefixAndToolSchemaTokens()
    {
        const string json = "{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}";
        var template = new PromptTemplate("tools", new SourceLocation("a.tools.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { new ToolDefinition("lookup", json, new SourceLocation("a.tools.json", 2, 1)) });

        var m = Measurer.Measure(template, null);

        Assert.Equal(O200k.CountTokens(json), m.ToolSchemaTokens);
        Assert.Equal(m.ToolSchemaTokens, m.StaticTokens);
        Assert.Equal(m.ToolSchemaTokens, m.StaticPrefixTokens);
    }

    [Fact]
    public void ModelOnTemplate_WinsOverDefault()
    {
        const string text = "Summarize the following article in three bullet points.";
        var m = Measurer.Measure(Template("gpt-4", Message(PromptRole.System, PromptSegment.Static(text))), "gpt-4o");

        Assert.Equal("cl100k_base", m.Tokenizer);
        Assert.Equal(GptEncoding.GetEncoding("cl100k_base").CountTokens(text), m.StaticTokens);
    }

    [Fact]
    public void ContentHash_ChangesWithTextButNotWithLineEndings()
    {
        var a = Measurer.Measure(Template(Message(PromptRole.System, PromptSegment.Static("one\ntwo"))), null);
        var b = Measurer.Measure(Template(Message(PromptRole.System, PromptSegment.Static("one\r\ntwo"))), null);
        var c = Measurer.Measure(Template(Message(PromptRole.System, PromptSegment.Static("one\nthree"))), null);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
        Assert.StartsWith("sha256:", a.ContentHash);
    }
}
