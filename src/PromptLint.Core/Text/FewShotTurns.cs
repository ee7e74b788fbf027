using System.Collections.Generic;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// Few-shot conversations written into a template: a user turn holding an example input, the assistant turn after it
/// holding the answer the model is to imitate.
/// </summary>
internal static class FewShotTurns
{
    /// <summary>
    /// True when <paramref name="copy"/> sits in an assistant turn and one of the <paramref name="members"/> before it
    /// (the same text) in the user turn right before that: an example answer that returns its input unchanged ("this
    /// query is already valid"). The repeat is what the example teaches, so keeping one copy would break the example.
    /// </summary>
    public static bool AnswerRepeatsItsInput(PromptTemplate template, IReadOnlyList<StaticTextUnit> members, StaticTextUnit copy)
    {
        var messages = template.Messages;
        if (copy.Message <= 0 || copy.Message >= messages.Count || messages[copy.Message].Role != PromptRole.Assistant
            || messages[copy.Message - 1].Role != PromptRole.User)
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (earlier.Message == copy.Message - 1)
            {
                return true;
            }
        }

        return false;
    }
}
