using System;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.OpenAi.Photos;

/// <summary>Messages made of content parts.</summary>
public sealed class PhotoCaptions(ChatClient client)
{
    public async Task<string> CaptionAsync(BinaryData jpeg, string language)
    {
        ChatCompletion completion = await client.CompleteChatAsync(
            new SystemChatMessage(ChatMessageContentPart.CreateTextPart("You write captions for a photo library. At most fifteen words.")),
            new UserChatMessage(
                ChatMessageContentPart.CreateTextPart($"Caption this photo in {language}."),
                ChatMessageContentPart.CreateImagePart(jpeg, "image/jpeg")));
        return completion.Content[0].Text;
    }
}
