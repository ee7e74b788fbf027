namespace PromptLint.EndToEnd.Tests;

/// <summary>Prompt files in the shapes their own tools document, as a consumer would keep them.</summary>
public static class SampleFiles
{
    public const string SupportPolicy =
        "You are Contoso's support assistant. Answer questions about orders, shipping and returns.\n" +
        "Be concise: at most three sentences. If you do not know, say so and offer to open a ticket.\n" +
        "Never promise refunds; refunds are decided by a human agent within two business days.\n";

    public const string SupportGrowth =
        "Always greet the customer by name, restate their question in one line, and close with a friendly sign-off.\n" +
        "When an order is late, apologise once, give the new delivery estimate, and mention the tracking link.\n";

    public const string TriagePrompty = """
        ---
        name: Triage
        description: Classifies a support ticket.
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_deployment: gpt-4o-mini
          parameters:
            max_tokens: 200
        sample:
          ticket: My parcel never arrived.
        ---
        system:
        You are a support triage assistant. Classify the ticket as billing, shipping, outage or how-to.
        Reply with the category only.

        user:
        {{ticket}}
        """;

    public const string TriageSystem = "You are a support triage assistant. Classify the ticket as billing, shipping, outage or how-to.\nReply with the category only.";

    public const string StoryYaml = """
        name: GenerateStory
        template: |
          Tell a story about {{$topic}} that is {{$length}} sentences long.
        template_format: semantic-kernel
        description: A function that generates a story about a topic.
        input_variables:
          - name: topic
            description: The topic of the story.
            is_required: true
          - name: length
            description: The number of sentences in the story.
            is_required: true
        execution_settings:
          default:
            temperature: 0.6
            max_tokens: 500
        """;

    public const string SummarizePromptYml = """
        name: Summarizer
        description: Summarizes release notes
        model: openai/gpt-4o-mini
        modelParameters:
          temperature: 0.3
          maxTokens: 300
        messages:
          - role: system
            content: You summarize release notes for customers in plain language.
          - role: user
            content: |
              Summarize these notes:
              {{notes}}
        """;

    public const string WeatherTools = """
        [
          {
            "type": "function",
            "function": {
              "name": "get_weather",
              "description": "Get the current weather for a city.",
              "parameters": {
                "type": "object",
                "properties": { "city": { "type": "string", "description": "City name" } },
                "required": ["city"]
              }
            }
          }
        ]
        """;

    public const string WeatherToolWire = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Get the current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"}},\"required\":[\"city\"]}}}";

    public const string StorySkPrompt = "Write a bedtime story about {{$topic}} for a {{$age}}-year-old.\n";

    public const string StoryConfig = """
        {
          "schema": 1,
          "description": "Writes a story",
          "execution_settings": { "default": { "max_tokens": 350, "temperature": 0.9 } }
        }
        """;

    public const int PromptCount = 6;

    public static void WriteAll(Consumer consumer)
    {
        consumer.Write("Plugins/Writer/Story/skprompt.txt", StorySkPrompt);
        consumer.Write("Plugins/Writer/Story/config.json", StoryConfig);

        // Not beside an skprompt.txt: not a prompt file, so its (invalid) content must not be reported.
        consumer.Write("config.json", "{ this is an app config, not json for us");
        consumer.Write("Prompts/support.txt", SupportPolicy);
        consumer.Write("triage.prompty", TriagePrompty);
        consumer.Write("Prompts/story.yaml", StoryYaml);
        consumer.Write("summarize.prompt.yml", SummarizePromptYml);
        consumer.Write("weather.tools.json", WeatherTools);
    }
}
