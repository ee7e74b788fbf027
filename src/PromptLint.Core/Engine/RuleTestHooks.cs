using System;
using System.Threading;

namespace PromptLint.Core.Engine;

/// <summary>Seams for tests, per async flow so parallel tests do not see each other's calls.</summary>
internal static class RuleTestHooks
{
    /// <summary>Called with a rule's id just before the rule is evaluated.</summary>
    public static readonly AsyncLocal<Action<string>?> Evaluating = new();
}
