using System.Globalization;
using System.Text.Json;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>
/// Whether every string of a payload (names and values, at any depth) is text that can be stored.
/// The JSON parser accepts bytes that are not UTF-8 and escaped lone surrogates (<c>"\ud800"</c>)
/// inside strings; only reading the string finds them. A verified delivery is checked whole, once,
/// so that a bad string is a 400 naming it whichever field it is in, and nothing of it is stored.
/// </summary>
internal static class PayloadText
{
    /// <summary>The dotted path of the first string that is not text, or null when all are.</summary>
    public static string? FindBadString(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : Named(path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindBadString(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]") is { } bad)
                    {
                        return bad;
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name))
                    {
                        return Named(path) + " (a property name)";
                    }

                    if (FindBadString(property.Value, path.Length == 0 ? name : path + "." + name) is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>A string PayloadFields can read: valid UTF-16 once unescaped and no NUL, which PostgreSQL text cannot hold.</summary>
    public static bool IsText(JsonElement value)
    {
        try
        {
            return !value.GetString()!.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return !name.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private static string Named(string path) => path.Length == 0 ? "the payload" : path;
}
