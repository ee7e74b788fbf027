using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>An SDK's role value (<c>ChatRole.System</c>, <c>AuthorRole.User</c>, <c>"assistant"</c>) as a prompt role.</summary>
internal static class PromptRoleNames
{
    /// <summary>The role a name stands for; anything unknown is sent as user text.</summary>
    public static PromptRole Parse(string? name) => PromptRoles.Parse(name) switch
    {
        PromptRole.ToolSchema or null => PromptRole.User,
        var parsed => parsed.Value,
    };
}
