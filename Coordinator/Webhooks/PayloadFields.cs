using System.Text.Json;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Reads dotted paths (<c>pull_request.head.sha</c>) from a payload, naming the path when it is wrong.</summary>
internal static class PayloadFields
{
    public static string RequireString(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new MalformedPayloadException($"'{path}' must be a string");

    public static int RequireInt(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number)
            ? number
            : throw new MalformedPayloadException($"'{path}' must be an integer");

    public static JsonElement RequireObject(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Object } value
            ? value
            : throw new MalformedPayloadException($"'{path}' must be an object");

    public static string? OptionalString(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool OptionalBool(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.True };

    public static long? OptionalLong(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>True when the path leads to an object (e.g. <c>issue.pull_request</c> on a PR comment).</summary>
    public static bool HasObject(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Object };

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
