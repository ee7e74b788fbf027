using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Analyzers.Tests.RealCode;
using PromptLint.Core.Reporting;
using SharpToken;
using Xunit.Abstractions;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33: Semantic Kernel plugins under a function choice behavior. The OpenAI connector sends every
/// <c>[KernelFunction]</c> of every plugin in the kernel with each request, so the send's prompt counts them. The
/// oracle is the connector itself (<see cref="KernelPluginWire"/>): the same plugins in a real kernel, the request it
/// sends captured, each tool counted with SharpToken; PromptLint's tool tokens for the send must equal the sum.
/// </summary>
public class KernelPluginToolsTests(ITestOutputHelper output)
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    // Two plugins, in the shapes home-automation samples write them: one added to the builder under its type's name,
    // one imported into the built kernel under a name of its own.
    private const string Plugins = """
        using System.ComponentModel;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        namespace Home;

        public sealed class LightsPlugin
        {
            [KernelFunction("get_lights"), Description("Lists the lights in the house and whether each one is on.")]
            public string GetLights() => "[]";

            [KernelFunction, Description("Switches one light on or off.")]
            public Task<string> SetStateAsync([Description("The light's number.")] int id, bool isOn, string? room = null) => Task.FromResult(room ?? "");

            public string NotAFunction() => "";
        }

        public static class Clock
        {
            [Description("Gets the current time in a time zone.")]
            public static string Now([Description("An IANA time zone, e.g. Europe/Oslo.")] string zone) => zone;
        }

        public abstract class DevicePlugin
        {
            [KernelFunction, Description("Says whether the device answers.")]
            public bool Ping() => true;

            [KernelFunction, Description("Names the device.")]
            public virtual string Name() => "device";

            [KernelFunction]
            private string Serial() => "0";
        }

        public sealed class DoorPlugin : DevicePlugin
        {
            [KernelFunction, Description("Locks or unlocks the front door.")]
            public string SetLock(bool locked) => locked ? "locked" : "open";

            [KernelFunction, Description("Names the door.")]
            public override string Name() => "front door";
        }

        public sealed class ThermostatPlugin
        {
            [KernelFunction, Description("Reads the temperature of a room, in degrees Celsius.")]
            public double ReadTemperature(string room, int decimals = 1) => 21;
        }
        """;

    private static string Send(string behavior, string plugins = """
                builder.Plugins.AddFromType<LightsPlugin>();
                Kernel kernel = builder.Build();
                kernel.ImportPluginFromType<ThermostatPlugin>("Climate");
        """, string send = "var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);") => $$"""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        namespace Home;

        public static class Assistant
        {
            public static async Task<string> AskAsync(string key, string question)
            {
                var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key);
        {{plugins}}
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var history = new ChatHistory("You run the lights and the heating of a home. Answer in one sentence.");
                history.AddUserMessage(question);
                OpenAIPromptExecutionSettings settings = new() { {{behavior}}MaxTokens = 200 };
                {{send}}
                return reply.ToString() ?? "";
            }
        }
        """;

    private static CSharpCompilation Compile(params string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"/proj/File{i}.cs"));
        var compilation = CSharpCompilation.Create("Home", trees, RealCodeCorpus.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    private static readonly Lazy<Assembly> PluginAssembly = new(() =>
    {
        using var stream = new MemoryStream();
        var emitted = Compile(Plugins).Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(stream.ToArray());
    });

    private static async Task<(int Tools, int Static)> SendMeasuredAsync(params string[] sources)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Compile(sources.Prepend(Plugins).ToArray()), new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
        var send = diagnostics.Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] != "tool");
        int Get(string key) => int.Parse(send.Properties[key]!, CultureInfo.InvariantCulture);
        return (Get(MeasurementProperties.Keys.ToolSchemaTokens), Get(MeasurementProperties.Keys.StaticTokens));
    }

    // What the connector sends for the two plugins of the source, as AddFromType<LightsPlugin>() and ImportPluginFromType<ThermostatPlugin>("Climate") add them.
    private async Task<int> WireTokensAsync(PromptExecutionSettings settings)
    {
        var kernel = KernelPluginWire.KernelWith(PluginAssembly.Value, ("Home.LightsPlugin", null), ("Home.ThermostatPlugin", "Climate"));
        var (tools, choice) = await KernelPluginWire.SentAsync(kernel, settings);
        foreach (var tool in tools)
        {
            output.WriteLine($"{O200k.CountTokens(tool)} tokens: {tool}");
        }

        output.WriteLine($"tool_choice {choice}");
        return tools.Sum(t => O200k.CountTokens(t));
    }

    [Fact]
    public async Task AutoFunctionChoiceWithPluginsAddedToBuilderAndKernel_CountsEveryFunctionAsTheConnectorSendsIt()
    {
        var wire = await WireTokensAsync(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var without = await SendMeasuredAsync(Send(string.Empty));
        var with = await SendMeasuredAsync(Send("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), "));

        Assert.True(wire > 0);
        Assert.Equal(0, without.Tools);
        Assert.Equal(wire, with.Tools);
        Assert.Equal(without.Static + wire, with.Static);
    }

    public static TheoryData<string> KernelWideBehaviors() => new()
    {
        "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false), ",
        "FunctionChoiceBehavior = FunctionChoiceBehavior.Required(), ",
        "FunctionChoiceBehavior = FunctionChoiceBehavior.None(), ",
        "ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions, ",
        "ToolCallBehavior = ToolCallBehavior.EnableKernelFunctions, ",
    };

    [Theory]
    [MemberData(nameof(KernelWideBehaviors))]
    public async Task EveryKernelWideBehavior_SendsAllFunctions_AndIsCountedTheSame(string behavior)
    {
        // The connector sends the same tools under each (None() with tool_choice "none"): checked against it here.
        PromptExecutionSettings settings = behavior switch
        {
            _ when behavior.Contains("autoInvoke", StringComparison.Ordinal) => new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) },
            _ when behavior.Contains("Required", StringComparison.Ordinal) => new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() },
            _ when behavior.Contains("None", StringComparison.Ordinal) => new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.None() },
            _ when behavior.Contains("AutoInvoke", StringComparison.Ordinal) => new OpenAIPromptExecutionSettings { ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions },
            _ => new OpenAIPromptExecutionSettings { ToolCallBehavior = ToolCallBehavior.EnableKernelFunctions },
        };
        var wire = await WireTokensAsync(settings);

        Assert.Equal(wire, (await SendMeasuredAsync(Send(behavior))).Tools);
    }

    [Fact]
    public async Task PluginsAddedAsObjectsAndThroughTheFactory_AreCountedLikeAddFromType()
    {
        var wire = await WireTokensAsync(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var measured = await SendMeasuredAsync(Send("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", """
                    builder.Plugins.AddFromObject(new LightsPlugin());
                    Kernel kernel = builder.Build();
                    var climate = KernelPluginFactory.CreateFromType<ThermostatPlugin>("Climate");
                    kernel.Plugins.Add(climate);
            """));

        Assert.Equal(wire, measured.Tools);
    }

    [Fact]
    public async Task PluginDerivedFromABase_CountsTheInheritedFunctionsTheConnectorSends()
    {
        // Its own functions, the base's public one, the override once; the base's private one is not sent.
        var kernel = KernelPluginWire.KernelWith(PluginAssembly.Value, ("Home.DoorPlugin", null));
        var (tools, _) = await KernelPluginWire.SentAsync(kernel, new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var measured = await SendMeasuredAsync(Send("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", """
                    builder.Plugins.AddFromType<DoorPlugin>();
                    Kernel kernel = builder.Build();
            """));

        Assert.Equal(3, tools.Count);
        Assert.Equal(tools.Sum(t => O200k.CountTokens(t)), measured.Tools);
    }

    [Fact]
    public async Task PluginMadeFromFunctions_CountsEachFunctionUnderThePluginName()
    {
        var kernel = KernelPluginWire.KernelWith(PluginAssembly.Value, ("Home.LightsPlugin", null));
        var now = PluginAssembly.Value.GetType("Home.Clock")!.GetMethod("Now")!;
        kernel.ImportPluginFromFunctions("Time", [KernelFunctionFactory.CreateFromMethod(now, target: null, functionName: "now")]);
        var (tools, _) = await KernelPluginWire.SentAsync(kernel, new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        Assert.Contains(tools, t => t.Contains("\"Time-now\"", StringComparison.Ordinal));

        var measured = await SendMeasuredAsync(Send("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", """
                    builder.Plugins.AddFromType<LightsPlugin>();
                    Kernel kernel = builder.Build();
                    var now = KernelFunctionFactory.CreateFromMethod(Clock.Now, "now");
                    kernel.ImportPluginFromFunctions("Time", [now]);
            """));

        Assert.Equal(tools.Sum(t => O200k.CountTokens(t)), measured.Tools);
    }

    [Fact]
    public async Task InvokePromptAsyncWithSettingsInKernelArguments_CountsThePluginFunctions()
    {
        var wire = await WireTokensAsync(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var measured = await SendMeasuredAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            namespace Home;

            public static class Assistant
            {
                public static async Task<string> AskAsync(string key, string question)
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                    kernel.ImportPluginFromObject(new LightsPlugin());
                    kernel.ImportPluginFromType<ThermostatPlugin>("Climate");
                    var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 100 };
                    var reply = await kernel.InvokePromptAsync("Is the kitchen light on? {{$question}}", new KernelArguments(settings) { ["question"] = question });
                    return reply.ToString();
                }
            }
            """);

        Assert.Equal(wire, measured.Tools);
    }

    [Fact]
    public async Task ChatCompletionAgentWithTheKernelAndSettings_CountsThePluginFunctionsOnItsRun()
    {
        var wire = await WireTokensAsync(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var measured = await SendMeasuredAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            namespace Home;

            public static class HomeAgent
            {
                public static async Task RunAsync(string key, string question)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4o-mini", key);
                    builder.Plugins.AddFromType<LightsPlugin>();
                    builder.Plugins.AddFromType<ThermostatPlugin>("Climate");
                    var kernel = builder.Build();
                    var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 200 };
                    var agent = new ChatCompletionAgent { Name = "Home", Instructions = "You run the lights and the heating.", Kernel = kernel, Arguments = new KernelArguments(settings) };
                    await foreach (var item in agent.InvokeAsync(question))
                    {
                    }
                }
            }
            """, SemanticKernelAgentRunTests.AgentsApi);

        Assert.Equal(wire, measured.Tools);
    }

    [Fact]
    public async Task KernelBuiltWithPluginsInTheConstructor_CountsThemInTheMethodThatSends()
    {
        var wire = await WireTokensAsync(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var measured = await SendMeasuredAsync("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            namespace Home;

            public sealed class HomeChat
            {
                private readonly Kernel _kernel;
                private readonly OpenAIPromptExecutionSettings _settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 300 };

                public HomeChat(string key)
                {
                    var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key);
                    builder.Plugins.AddFromType<LightsPlugin>();
                    builder.Plugins.AddFromType<ThermostatPlugin>("Climate");
                    _kernel = builder.Build();
                }

                public async Task<string> AskAsync(string question)
                {
                    var chat = _kernel.GetRequiredService<IChatCompletionService>();
                    var reply = await chat.GetChatMessageContentAsync(question, _settings, _kernel);
                    return reply.ToString();
                }
            }
            """);

        Assert.Equal(wire, measured.Tools);
    }

    public static TheoryData<string, string> KernelsOutOfView() => new()
    {
        // The behavior names the functions it offers: which ones is not read.
        { "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions: []), ", "builder.Plugins.AddFromType<LightsPlugin>(); Kernel kernel = builder.Build();" },
        // A method of the application is handed the kernel: it may add plugins.
        { "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", "Kernel kernel = builder.Build(); Setup.AddPlugins(kernel);" },
        // Plugins from a directory are prompt functions, not read.
        { "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", "Kernel kernel = builder.Build(); kernel.ImportPluginFromPromptDirectory(\"Prompts\");" },
        // The kernel comes from elsewhere (dependency injection, here a factory of the application).
        { "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", "Kernel kernel = Setup.Create();" },
        // A plugin name that is not a constant.
        { "FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), ", "builder.Plugins.AddFromType<LightsPlugin>(key); Kernel kernel = builder.Build();" },
    };

    [Theory]
    [MemberData(nameof(KernelsOutOfView))]
    public async Task PluginsOutOfView_AreNotGuessed_TheSendCountsNoTools(string behavior, string plugins)
    {
        var measured = await SendMeasuredAsync(Send(behavior, plugins), """
            using Microsoft.SemanticKernel;

            namespace Home;

            public static class Setup
            {
                public static void AddPlugins(Kernel kernel) => kernel.Plugins.AddFromType<LightsPlugin>();

                public static Kernel Create() => Kernel.CreateBuilder().Build();
            }
            """);

        Assert.Equal(0, measured.Tools);
    }

    [Fact]
    public async Task KernelFunctionDeclaredAsync_IsMeasuredUnderTheNameTheConnectorSends()
    {
        // SetStateAsync returns a Task: Semantic Kernel drops 'Async', so the tool is 'LightsPlugin-SetState'.
        var kernel = KernelPluginWire.KernelWith(PluginAssembly.Value, ("Home.LightsPlugin", null));
        var (tools, _) = await KernelPluginWire.SentAsync(kernel, new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });
        var wire = tools.Single(t => t.Contains("\"LightsPlugin-SetState\"", StringComparison.Ordinal));

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Compile(Plugins), new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
        var measured = diagnostics.Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.PromptId] == "Home.LightsPlugin.SetStateAsync");
        Assert.Equal(O200k.CountTokens(wire), int.Parse(measured.Properties[MeasurementProperties.Keys.ToolSchemaTokens]!, CultureInfo.InvariantCulture));
    }
}
