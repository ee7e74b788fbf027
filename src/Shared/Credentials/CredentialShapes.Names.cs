using System;
using System.Collections.Generic;

namespace PromptLint.Credentials;

/// <summary>The names of <see cref="CredentialShapes"/>' generic assignment: which compound names ending in Key or Token are not secrets.</summary>
internal static partial class CredentialShapes
{
    // A compound name whose last word is "key" or "token" but whose word before it names what the value identifies or
    // where a listing resumes: a file, a cache entry, a table row, a page. Such a value is an id, not a secret
    // (fileKey="…", idempotency_key: …, nextPageToken: …). Names whose word before it is apiKey's, accessKey's,
    // secretKey's, privateKey's, masterKey's, accountKey's or subscriptionKey's are not listed and stay reported.
    private static readonly HashSet<string> IdQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "file", "cache", "partition", "primary", "foreign", "sort", "range", "row", "hash", "idempotency", "dedup", "dedupe",
        "deduplication", "object", "node", "page", "item", "entity", "record", "lookup", "map", "dictionary", "group",
        "shard", "routing", "index", "composite", "unique", "cursor", "continuation", "next", "sync", "message", "document",
        "doc", "component", "project", "issue", "board", "sheet", "table", "column", "field", "bucket",
        "query", "sequence", "order", "element", "list", "state", "lock",
    };

    // True when the name of the assignment that starts at anchorIndex (at "Key"/"key"/"token") is a compound whose
    // previous word names a non-secret thing: "fileKey", "cache_key", "PARTITION-KEY", "nextPageToken".
    private static bool NamesAnId(string text, int anchorIndex)
    {
        if (string.Compare(text, anchorIndex, "key", 0, 3, StringComparison.OrdinalIgnoreCase) != 0
            && string.Compare(text, anchorIndex, "token", 0, 5, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var end = anchorIndex;
        if (end > 0 && text[end - 1] is '_' or '-')
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
            // A camel-case hump starts the word ("nextPage" → "Page"); an all-capitals run is one word ("FILE_KEY").
            if (char.IsUpper(text[start]) && start > 0 && char.IsLower(text[start - 1]))
            {
                break;
            }
        }

        return end > start && IdQualifiers.Contains(text.Substring(start, end - start));
    }
}
