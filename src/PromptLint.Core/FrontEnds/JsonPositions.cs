using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Where the values of a JSON document start, found in one reader pass and looked up by property path
/// (<c>execution_settings/default/max_tokens</c>; an array item is named by its index, <c>execution_settings/0/max_tokens</c>). JsonDocument keeps no positions; finding each one with its own pass
/// over the file made a <c>config.json</c> with 10,000 bad values take 19.6 s (issue 30).
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _starts = new(StringComparer.Ordinal);

    private JsonPositions()
    {
    }

    /// <summary>Passes made over a document, for tests: one per document, however many values are looked up.</summary>
    internal static int Passes;

    /// <summary>The start of every value no deeper than <paramref name="maxDepth"/> property names; a broken document keeps what was read.</summary>
    public static JsonPositions Of(string json, JsonReaderOptions options, int maxDepth)
    {
        System.Threading.Interlocked.Increment(ref Passes);
        var positions = new JsonPositions();
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, options);
        var path = new List<string?>();
        // Parallel to path: the next item's index for an array, -1 for an object.
        var nextIndex = new List<int>();
        var line = 1;
        var lineStart = 0;
        var scanned = 0;
        try
        {
            string? pending = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (path.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                            nextIndex.RemoveAt(nextIndex.Count - 1);
                        }

                        pending = null;
                        continue;
                }

                if (pending is null && nextIndex.Count > 0 && nextIndex[nextIndex.Count - 1] >= 0)
                {
                    pending = (nextIndex[nextIndex.Count - 1]++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                // Offsets only grow, so lines are counted once over the whole file.
                var offset = (int)reader.TokenStartIndex;
                for (; scanned < offset; scanned++)
                {
                    if (bytes[scanned] == (byte)'\n')
                    {
                        line++;
                        lineStart = scanned + 1;
                    }
                }

                // path[0] is the root, which has no name.
                if (pending is not null && path.Count >= 1 && path.Count <= maxDepth && !path.Skip(1).Contains(null))
                {
                    var key = path.Count == 1 ? pending : string.Join("/", path.Skip(1)) + "/" + pending;
                    if (!positions._starts.ContainsKey(key))
                    {
                        positions._starts[key] = (line, Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1);
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    path.Add(pending ?? (path.Count == 0 ? string.Empty : null));
                    nextIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                }

                pending = null;
            }
        }
        catch (JsonException)
        {
            // Positions before the break are kept; the parse error itself is reported by the caller.
        }

        return positions;
    }

    /// <summary>Where the value at <paramref name="propertyPath"/> starts, or (1, 1) when it was not seen.</summary>
    public (int Line, int Column) Get(IEnumerable<string> propertyPath)
        => _starts.TryGetValue(string.Join("/", propertyPath), out var at) ? at : (1, 1);
}
