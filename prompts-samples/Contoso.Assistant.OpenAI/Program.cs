using Contoso.Reviews;
using OpenAI;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    Console.WriteLine("Set OPENAI_API_KEY to run the classifier; the build measures its prompts either way.");
    return;
}

var chat = new OpenAIClient(apiKey).GetChatClient("gpt-4.1-mini");
Console.WriteLine(new ReviewClassifier(chat).Classify("The tent leaked on the first night."));
