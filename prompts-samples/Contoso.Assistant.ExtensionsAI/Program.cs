using Contoso.Assistant;
using Microsoft.Extensions.AI;
using OpenAI;

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    Console.WriteLine("Set OPENAI_API_KEY to run the assistant; the build measures its prompts either way.");
    return;
}

IChatClient client = new OpenAIClient(apiKey).GetChatClient("gpt-4o").AsIChatClient();
var assistant = new SupportAssistant(client);
Console.WriteLine(await assistant.AnswerAsync("Jane", "Where is my order 10023?"));
