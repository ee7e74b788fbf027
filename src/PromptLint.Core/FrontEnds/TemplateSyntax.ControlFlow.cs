using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

// What a tag does to the control flow of a template: conditional blocks, their alternatives and loops.
public static partial class TemplateSyntax
{
    private enum TagKind
    {
        Other,
        BlockOpen,
        Alternative,
        BlockClose,
        LoopOpen,
        LoopClose,
    }

    // What a tag does to the control flow. Handlebars: {{#if}}/{{#unless}} … {{else}} / {{else if}} / {{^}} … {{/if}},
    // {{#each}} … {{/each}} a loop, any other {{#section}} … {{/section}} a block of one alternative. Jinja and Liquid:
    // {% if %}/{% unless %}/{% case %} … {% elif %}/{% elsif %}/{% else %}/{% when %} … {% endif %}/{% endunless %}/
    // {% endcase %}, {% for %} … {% endfor %} a loop.
    private static TagKind Classify(string raw, TemplateFlavor flavor)
    {
        if (raw.StartsWith("{{", System.StringComparison.Ordinal) && flavor is TemplateFlavor.Mustache or TemplateFlavor.Plain)
        {
            var inner = raw.Substring(2, raw.Length - 4).Trim().TrimStart('~').TrimEnd('~').Trim();
            if (inner.StartsWith("#each", System.StringComparison.Ordinal))
            {
                return TagKind.LoopOpen;
            }

            if (inner.StartsWith("/each", System.StringComparison.Ordinal))
            {
                return TagKind.LoopClose;
            }

            // "{{#section}}" and Mustache's inverted "{{^section}}" open a block; a bare "{{^}}" is Handlebars' else.
            if ((inner.StartsWith("#", System.StringComparison.Ordinal) || inner.StartsWith("^", System.StringComparison.Ordinal)) && inner.Length > 1)
            {
                return TagKind.BlockOpen;
            }

            if (inner == "else" || inner == "^" || inner.StartsWith("else ", System.StringComparison.Ordinal))
            {
                return TagKind.Alternative;
            }

            return inner.StartsWith("/", System.StringComparison.Ordinal) && inner.Length > 1 ? TagKind.BlockClose : TagKind.Other;
        }

        if (raw.StartsWith("{%", System.StringComparison.Ordinal) && flavor is TemplateFlavor.Jinja or TemplateFlavor.Liquid or TemplateFlavor.Plain)
        {
            var inner = raw.Substring(2, raw.Length - 4).Trim().Trim('-', '+').Trim();
            var word = inner.Split(' ', '\t', '\n')[0];
            return word switch
            {
                "if" or "unless" or "case" => TagKind.BlockOpen,
                "elif" or "elsif" or "else" or "when" => TagKind.Alternative,
                "endif" or "endunless" or "endcase" => TagKind.BlockClose,
                "for" or "tablerow" => TagKind.LoopOpen,
                "endfor" or "endtablerow" => TagKind.LoopClose,
                _ => TagKind.Other,
            };
        }

        return TagKind.Other;
    }

    // The stack of open conditional blocks: "3.1/5.0" is alternative 1 of block 3, then alternative 0 of block 5 in it.
    // Only the outer MaxDepth levels are told apart: a block nested deeper (only a generated or hostile file does that)
    // counts every alternative, an over-count, never an under-count; it keeps the path, and so the work per segment,
    // bounded (a path per nesting level made 30,000 nested conditionals quadratic, and their total recurse that deep).
    private sealed class ControlFlow
    {
        internal const int MaxDepth = 64;

        private readonly List<(int Block, int Alternative)> _open = new();
        private int _blocks;
        private int _beyond;

        public string? Path { get; private set; }

        public void Open()
        {
            if (_open.Count >= MaxDepth)
            {
                _beyond++;
                return;
            }

            _open.Add((_blocks++, 0));
            Update();
        }

        public void Next()
        {
            if (_beyond == 0 && _open.Count > 0)
            {
                var top = _open[_open.Count - 1];
                _open[_open.Count - 1] = (top.Block, top.Alternative + 1);
                Update();
            }
        }

        public void Close()
        {
            if (_beyond > 0)
            {
                _beyond--;
                return;
            }

            if (_open.Count > 0)
            {
                _open.RemoveAt(_open.Count - 1);
                Update();
            }
        }

        private void Update()
            => Path = _open.Count == 0 ? null : string.Join("/", _open.ConvertAll(o => o.Block.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + o.Alternative.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
