using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.OpenAi.Translation;

/// <summary>One prompt per target language, the system prompt in a static field.</summary>
public sealed class Translator(ChatClient client)
{
    private static readonly SystemChatMessage System = new("You are a professional translator. Keep the formatting of the input.");
    private static readonly string[] TargetLanguages = ["French", "German", "Japanese"];

    public async Task<Dictionary<string, string>> TranslateAsync(string text)
    {
        var results = new Dictionary<string, string>();
        foreach (var language in TargetLanguages)
        {
            ChatCompletion completion = await client.CompleteChatAsync([System, new UserChatMessage($"Translate into {language}:\n{text}")]);
            results[language] = completion.Content[0].Text;
        }

        return results;
    }
}
