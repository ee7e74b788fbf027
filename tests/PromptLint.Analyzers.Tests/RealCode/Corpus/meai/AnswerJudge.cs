using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Evaluation;

/// <summary>One judge prompt per criterion of an array, built by a helper from the element.</summary>
public sealed class AnswerJudge(IChatClient judge)
{
    private static readonly string[] Criteria = ["accuracy", "completeness", "tone"];

    private static string BuildJudgePrompt(string criterion, string question, string answer) => $"""
        Rate the answer to the question for {criterion} on a scale from 1 to 5. Reply with the number only.

        Question: {question}
        Answer: {answer}
        """;

    public async Task<Dictionary<string, string>> ScoreAsync(string question, string answer)
    {
        var scores = new Dictionary<string, string>();
        foreach (var criterion in Criteria)
        {
            var response = await judge.GetResponseAsync(BuildJudgePrompt(criterion, question, answer), new ChatOptions { MaxOutputTokens = 5, ModelId = "gpt-4o-mini" });
            scores[criterion] = response.Text;
        }

        return scores;
    }
}
