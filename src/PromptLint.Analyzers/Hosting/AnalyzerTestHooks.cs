using System;
using System.Threading;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// Points where tests can watch or break the analysis. AsyncLocal, so a test's hook reaches only the analysis that
/// test starts (the analyzer driver's tasks inherit the test's execution context), and tests still run in parallel.
/// </summary>
internal static class AnalyzerTestHooks
{
    private static readonly AsyncLocal<Action<string>?> BeforeTemplateHook = new();

    /// <summary>Called with each prompt id before the prompt is measured and checked.</summary>
    public static Action<string>? BeforeTemplate
    {
        get => BeforeTemplateHook.Value;
        set => BeforeTemplateHook.Value = value;
    }
}
