using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Corpus.SemanticKernel.Home;

/// <summary>A plugin of [KernelFunction] methods; Kernel and CancellationToken parameters are supplied by SK, not by the model.</summary>
public sealed class HomePlugins
{
    private bool _lightsOn;
    private int _temperature = 20;

    [KernelFunction("get_lights")]
    [Description("Tells whether the living room lights are on")]
    public bool GetLights() => _lightsOn;

    [KernelFunction("set_lights")]
    [Description("Turns the living room lights on or off")]
    public string SetLights([Description("true to turn the lights on")] bool on)
    {
        _lightsOn = on;
        return on ? "Lights on." : "Lights off.";
    }

    [KernelFunction]
    [Description("Sets the thermostat")]
    public async Task<int> SetThermostatAsync(
        Kernel kernel,
        [Description("Target temperature in degrees Celsius")] int degrees,
        CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        _temperature = degrees;
        return _temperature;
    }

    public static Kernel Build(string apiKey)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("gpt-4o", apiKey);
        builder.Plugins.AddFromType<HomePlugins>("home");
        return builder.Build();
    }
}
