using System.CommandLine.Parsing;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Commands;

/// <summary>Parses "running", "RUNNING" or "TEST_STATUS_RUNNING" into the proto enums; an unknown name is a usage error listing the choices.</summary>
public static class EnumParsing
{
    public static TestStatus Status(ArgumentResult result, int index) => Parse<TestStatus>(result, index, "TEST_STATUS_");

    public static TestKind Kind(ArgumentResult result) => Parse<TestKind>(result, 0, "TEST_KIND_");

    public static IReadOnlyList<string> Choices<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0).Select(v => Snake(v.ToString())).ToList();

    private static T Parse<T>(ArgumentResult result, int index, string protoPrefix)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count <= index ? "" : result.Tokens[index].Value;
        var normalized = text.Trim().ToUpperInvariant();
        if (normalized.StartsWith(protoPrefix, StringComparison.Ordinal))
        {
            normalized = normalized[protoPrefix.Length..];
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0
                && Snake(value.ToString()).Equals(normalized, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"'{text}' is not one of: {string.Join(", ", Choices<T>())}");
        return default;
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
