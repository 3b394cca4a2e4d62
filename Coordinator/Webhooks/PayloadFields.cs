using System.Text.Json;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Reads dotted paths (<c>pull_request.head.sha</c>) from a payload, naming the path when it is
/// wrong. Every read is total: a value of the wrong kind, or a string that is not text, is a
/// <see cref="MalformedPayloadException"/> (a 400), never another exception (a 500).
/// </summary>
internal static class PayloadFields
{
    public static string RequireString(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.String } value
            ? Text(value, path)
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
        Find(root, path) is { ValueKind: JsonValueKind.String } value ? Text(value, path) : null;

    public static bool OptionalBool(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.True };

    public static long? OptionalLong(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>True when the path leads to an object (e.g. <c>issue.pull_request</c> on a PR comment).</summary>
    public static bool HasObject(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Object };

    /// <summary>A JSON string as text (<see cref="PayloadText.IsText"/>).</summary>
    private static string Text(JsonElement value, string path) =>
        PayloadText.IsText(value)
            ? value.GetString()!
            : throw new MalformedPayloadException(NotText(path));

    public static string NotText(string path) => $"'{path}' is not valid text: bytes that are not UTF-8, an unpaired surrogate or a NUL";

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
