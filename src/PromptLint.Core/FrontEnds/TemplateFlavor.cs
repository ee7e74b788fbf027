namespace PromptLint.Core.FrontEnds;

/// <summary>How holes are spelled in a template.</summary>
public enum TemplateFlavor
{
    /// <summary>Jinja2 / Prompty: <c>{{ name | filter }}</c>, <c>{% block %}</c> (dynamic), <c>{# comment #}</c> (dropped).</summary>
    Jinja,
    /// <summary>Mustache / Handlebars: <c>{{name}}</c>, <c>{{#section}}</c> (dynamic), <c>{{! comment}}</c> (dropped).</summary>
    Mustache,
    /// <summary>Semantic Kernel: <c>{{$name}}</c>, <c>{{plugin.function $arg}}</c> (a function call is dynamic).</summary>
    SemanticKernel,
    /// <summary>Liquid (Semantic Kernel's other format): <c>{{ name }}</c>, <c>{% tag %}</c>.</summary>
    Liquid,
    /// <summary>Plain text templates: <c>{{name}}</c>, <c>{{$name}}</c>, <c>{{ name }}</c> and <c>{name}</c>.</summary>
    Plain,
}
