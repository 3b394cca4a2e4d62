using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfFleet.Cli.Payload;

/// <summary>JSON values → Thrift scalars, each failure naming the JSON path ($.lines[0].qty) and what was expected.</summary>
internal static class ThriftJsonScalars
{
    public static PayloadFormatException Error(string path, string problem) => new($"{path}: {problem}");

    public static bool Bool(JsonNode value, string path) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"expected true or false, found {Shown(value)}"),
    };

    /// <summary>An integer within [min, max]. JSON numbers only, except i64, which also takes a string of digits
    /// (JSON readers in other languages lose precision above 2^53).</summary>
    public static long Integer(JsonNode value, string path, string typeName, long min, long max)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String when typeName == "i64" => value.GetValue<string>(),
            _ => throw Error(path, $"expected an integer ({typeName}), found {Shown(value)}"),
        };
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Error(path, $"expected an integer ({typeName}), found {Shown(value)}");
        }

        return number >= min && number <= max
            ? (long)number
            : throw Error(path, $"{text} is out of range for {typeName} ({min} to {max})");
    }

    public static double Double(JsonNode value, string path) => value.GetValueKind() switch
    {
        JsonValueKind.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetValue<string>() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw Error(path, $"expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found {Shown(value)}"),
        },
        _ => throw Error(path, $"expected a number, found {Shown(value)}"),
    };

    public static string String(JsonNode value, string path, string what = "a string") =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Error(path, $"expected {what}, found {Shown(value)}");

    public static byte[] Binary(JsonNode value, string path)
    {
        var text = String(value, path, "a base64 string (binary)");
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Error(path, "binary must be base64, and this is not");
        }
    }

    public static Guid Uuid(JsonNode value, string path) =>
        Guid.TryParse(String(value, path, "a uuid string"), out var uuid) ? uuid : throw Error(path, $"{Shown(value)} is not a uuid (8-4-4-4-12 hex digits)");

    public static int EnumNumber(JsonNode value, ThriftEnumDefinition definition, string path)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return (int)Integer(value, path, "i32", int.MinValue, int.MaxValue);
        }

        var name = String(value, path, $"a {definition.Name} name or number");
        return definition.NumberOf(name)
            ?? throw Error(path, $"\"{name}\" is not a value of {definition.Name} (it has: {string.Join(", ", definition.Values.Select(v => v.Name))})");
    }

    public static string Shown(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ToJsonString(PayloadJson.Compact),
    };
}
