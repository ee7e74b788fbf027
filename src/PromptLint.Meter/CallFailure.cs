using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace PromptLint.Meter;

/// <summary>
/// What a failed call tells about billing. A provider bills what it processed: a call that was cancelled, timed out or
/// lost its connection after the request left may have been billed in full; a call the provider answered with an
/// HTTP error status, or one that failed before anything was sent, was not.
/// </summary>
internal static class CallFailure
{
    // Exceptions name their status differently (HttpRequestException.StatusCode, System.ClientModel's
    // ClientResultException.Status, Azure's RequestFailedException.Status): one reader per exception type, found once.
    private static readonly ConcurrentDictionary<Type, Func<Exception, int?>> Readers = new();

    /// <summary>The HTTP status the provider answered with, when the exception (or one it wraps) says one.</summary>
    public static int? StatusCode(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (Readers.GetOrAdd(e.GetType(), Reader)(e) is { } status and > 0)
            {
                return status;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the provider may have billed the call although it failed: the caller cancelled, it timed out, or the
    /// connection broke (an <see cref="IOException"/> anywhere in the chain), and no HTTP error status came back.
    /// </summary>
    public static bool MayHaveBilled(Exception error)
    {
        if (StatusCode(error) is not null)
        {
            return false;
        }

        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OperationCanceledException or TimeoutException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    // As the GenAI conventions say: the HTTP status code where the provider answered with one (a 429 and a 500 differ),
    // else the exception's type. The few status texts are interned, so recording allocates nothing.
    public static string ErrorType(Exception error)
        => CallFailure.StatusCode(error) is { } status
            ? status is >= 100 and < 600 ? StatusTexts[status - 100] ??= status.ToString(System.Globalization.CultureInfo.InvariantCulture) : status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : error.GetType().FullName ?? error.GetType().Name;

    private static readonly string?[] StatusTexts = new string?[500];

    private static Func<Exception, int?> Reader(Type type)
    {
        foreach (var name in new[] { "StatusCode", "Status" })
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            var propertyType = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property is not null && propertyType is not null && (propertyType == typeof(int) || propertyType.IsEnum))
            {
                return e => property.GetValue(e) is { } value ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
        }

        return static _ => null;
    }
}
