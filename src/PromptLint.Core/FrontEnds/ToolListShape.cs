using System;
using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Whether the start of a JSON text is a tool list: an array of OpenAI function tools (<c>{"type":"function","function":{…}}</c>,
/// the flat <c>{name, parameters}</c> shape, or a function with only a name and a description, which the API accepts as
/// one without parameters), MCP or Anthropic tools (<c>{name, inputSchema}</c> / <c>{name, input_schema}</c>), or an object
/// holding such an array under <c>tools</c> or <c>functions</c>, also inside a JSON-RPC <c>result</c>. Only the first
/// tool is looked at, from the text's first kilobytes: a truncated value is judged by what it shows.
/// </summary>
internal static class ToolListShape
{
    private static readonly HashSet<string> BareFunctionKeys = new(StringComparer.Ordinal) { "name", "description", "type", "strict" };

    /// <summary>True when <paramref name="head"/> starts a tool list.</summary>
    public static bool Matches(string head)
    {
        var reader = new Reader(head);
        var root = reader.Value(0);
        var cut = reader.RanOut;
        return root switch
        {
            List<object?> array => IsTool(array.Count > 0 ? array[0] : null, cut),
            Dictionary<string, object?> obj => IsToolHolder(obj, cut) || obj.TryGetValue("result", out var result) && result is Dictionary<string, object?> inner && IsToolHolder(inner, cut) || IsSingleTool(obj),
            _ => false,
        };
    }

    /// <summary>True when <paramref name="head"/> is one tool at the root of the file, not a list of them.</summary>
    public static bool IsSingleTool(string head) => new Reader(head).Value(0) is Dictionary<string, object?> obj && IsSingleTool(obj);

    // One tool saved as a file of its own: {"type":"function","function":{"name",…}}, or a function with a name, a
    // description and its parameters (inputSchema / input_schema for MCP and Anthropic). Stricter than the first element
    // of a list: a package.json, a launchSettings.json or a JSON Schema document has a name or a description too, so
    // every key must be one a tool has, the schema must be an object, and a "$schema" or root "properties" says schema.
    private static bool IsSingleTool(Dictionary<string, object?> obj)
    {
        if (obj.ContainsKey("$schema") || obj.ContainsKey("properties"))
        {
            return false;
        }

        if (obj.TryGetValue("function", out var function))
        {
            return obj.TryGetValue("type", out var type) && type is "function" && function is Dictionary<string, object?> fn
                && fn.TryGetValue("name", out var fnName) && fnName is string fnText && IsIdentifier(fnText) && OnlyKeys(obj, WrapperKeys);
        }

        if (!obj.TryGetValue("name", out var name) || name is not string text || !IsIdentifier(text) || !(obj.TryGetValue("description", out var description) && description is string))
        {
            return false;
        }

        return (obj.TryGetValue("parameters", out var schema) || obj.TryGetValue("inputSchema", out schema) || obj.TryGetValue("input_schema", out schema))
            && schema is Dictionary<string, object?> && OnlyKeys(obj, SingleToolKeys);
    }

    private static readonly HashSet<string> WrapperKeys = new(StringComparer.Ordinal) { "type", "function" };

    private static readonly HashSet<string> SingleToolKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "parameters", "inputSchema", "input_schema", "type", "strict", "title", "annotations", "outputSchema", "cache_control",
    };

    private static bool OnlyKeys(Dictionary<string, object?> obj, HashSet<string> allowed)
    {
        foreach (var key in obj.Keys)
        {
            if (!allowed.Contains(key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToolHolder(Dictionary<string, object?> obj, bool cut)
        => (obj.TryGetValue("tools", out var tools) || obj.TryGetValue("functions", out tools)) && tools is List<object?> list && list.Count > 0 && IsTool(list[0], cut);

    // cut: the head ended inside the first tool. An MCP server written in Go dumps each tool's keys in alphabetical
    // order (annotations, description, inputSchema, name), so a large first schema pushes "name" past the head: such a
    // tool is judged by the keys it shows, which must all be a tool's, with a description and an MCP or Anthropic input
    // schema object (an OpenAI function's "name" sorts before its "parameters", so it is never cut off this way).
    private static bool IsTool(object? value, bool cut)
    {
        if (value is not Dictionary<string, object?> tool)
        {
            return false;
        }

        if (tool.TryGetValue("function", out var function) && function is Dictionary<string, object?> fn && fn.TryGetValue("name", out var fnName) && fnName is string)
        {
            return true;
        }

        if (cut && !tool.ContainsKey("name"))
        {
            return tool.TryGetValue("description", out var about) && about is string && OnlyKeys(tool, SingleToolKeys)
                && (tool.TryGetValue("inputSchema", out var schema) || tool.TryGetValue("input_schema", out schema))
                && schema is Dictionary<string, object?>;
        }

        if (!tool.TryGetValue("name", out var name) || name is not string text || !IsIdentifier(text))
        {
            return false;
        }

        if (tool.ContainsKey("parameters") || tool.ContainsKey("inputSchema") || tool.ContainsKey("input_schema"))
        {
            return true;
        }

        // A function with no parameters: a name a function could have and a description, nothing else (a list of
        // products or people has other fields, or names with spaces).
        if (!tool.ContainsKey("description"))
        {
            return false;
        }

        foreach (var key in tool.Keys)
        {
            if (!BareFunctionKeys.Contains(key))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || name.Length > 128)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c < 128 && (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')))
            {
                return false;
            }
        }

        return true;
    }

    // A forgiving reader: objects keep their keys (values only as deep as needed), arrays their first element (the rest
    // is skipped, so the keys after an array, such as a tool's "name" after its schema's "required" list, are still
    // read); the text running out ends every open value where it stands, and says so (RanOut).
    private sealed class Reader(string text)
    {
        private const int MaxDepth = 8;
        private int _i;

        /// <summary>True when the text ended before the value it was reading did.</summary>
        public bool RanOut { get; private set; }

        public object? Value(int depth)
        {
            SkipSpace();
            if (_i >= text.Length)
            {
                RanOut = true;
                return null;
            }

            if (depth > MaxDepth)
            {
                Skip();
                return null;
            }

            switch (text[_i])
            {
                case '{':
                    _i++;
                    var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (true)
                    {
                        SkipSpace();
                        if (_i >= text.Length)
                        {
                            RanOut = true;
                            return obj;
                        }

                        if (text[_i] == '}')
                        {
                            _i++;
                            return obj;
                        }

                        if (text[_i] != '"')
                        {
                            _i = text.Length;
                            return obj;
                        }

                        var key = String();
                        SkipSpace();
                        if (_i < text.Length && text[_i] == ':')
                        {
                            _i++;
                        }

                        var value = Value(depth + 1);
                        if (key is not null)
                        {
                            obj[key] = value;
                        }

                        SkipSpace();
                        if (_i < text.Length && text[_i] == ',')
                        {
                            _i++;
                        }
                    }

                case '[':
                    _i++;
                    var array = new List<object?>();
                    SkipSpace();
                    if (_i < text.Length && text[_i] == ']')
                    {
                        _i++;
                        return array;
                    }

                    array.Add(Value(depth + 1));
                    // The rest of the array is not needed (the first element decides), but what follows it may be.
                    while (true)
                    {
                        SkipSpace();
                        if (_i >= text.Length)
                        {
                            RanOut = true;
                            return array;
                        }

                        if (text[_i] == ']')
                        {
                            _i++;
                            return array;
                        }

                        if (text[_i] != ',')
                        {
                            _i = text.Length;
                            return array;
                        }

                        _i++;
                        Skip();
                    }

                case '"':
                    return String();
                default:
                    while (_i < text.Length && text[_i] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[_i]))
                    {
                        _i++;
                    }

                    return true;
            }
        }

        // Past one value, brackets balanced and strings read whole; linear in what it skips.
        private void Skip()
        {
            SkipSpace();
            if (_i >= text.Length)
            {
                RanOut = true;
                return;
            }

            if (text[_i] is not ('{' or '[' or '"'))
            {
                while (_i < text.Length && text[_i] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[_i]))
                {
                    _i++;
                }

                return;
            }

            var depth = 0;
            while (_i < text.Length)
            {
                var c = text[_i];
                if (c == '"')
                {
                    String();
                    if (depth == 0)
                    {
                        return;
                    }

                    continue;
                }

                _i++;
                if (c is '{' or '[')
                {
                    depth++;
                }
                else if (c is '}' or ']' && --depth == 0)
                {
                    return;
                }
            }

            RanOut = true;
        }

        private string? String()
        {
            var start = ++_i;
            var sb = (System.Text.StringBuilder?)null;
            while (_i < text.Length)
            {
                var c = text[_i];
                if (c == '\\')
                {
                    sb ??= new System.Text.StringBuilder(text, start, _i - start, 64);
                    if (_i + 1 < text.Length)
                    {
                        sb.Append(text[_i + 1]);
                    }

                    _i += 2;
                    continue;
                }

                if (c == '"')
                {
                    var value = sb?.ToString() ?? text.Substring(start, _i - start);
                    _i++;
                    return value;
                }

                sb?.Append(c);
                _i++;
            }

            RanOut = true;
            return null;
        }

        private void SkipSpace()
        {
            while (_i < text.Length && (char.IsWhiteSpace(text[_i]) || text[_i] == '\uFEFF'))
            {
                _i++;
            }
        }
    }
}
