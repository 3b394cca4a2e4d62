using System.Text;
using System.Text.RegularExpressions;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Replaces <c>${NAME}</c> with values of a dictionary (e.g. PERFFLEET_PORT_SUT). <c>$${</c> stands
/// for a literal <c>${</c>. An unknown name is an error rather than an empty string, because an
/// empty port or URL would fail much later with a far less helpful message.
/// </summary>
public static partial class VariableSubstitution
{
    /// <summary>Returns <paramref name="text"/> with variables replaced, or throws <see cref="KeyNotFoundException"/> naming the unknown variable.</summary>
    public static string Apply(string text, IReadOnlyDictionary<string, string> variables)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                result.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    throw new FormatException($"\"${{\" at offset {i} is not closed with \"}}\"");
                }

                var name = text[(i + 2)..end];
                if (!IsVariableName(name))
                {
                    throw new FormatException($"\"${{{name}}}\" is not a valid variable name (letters, digits and _)");
                }

                if (!variables.TryGetValue(name, out var value))
                {
                    throw new KeyNotFoundException(
                        $"unknown variable ${{{name}}}; known variables: {string.Join(", ", variables.Keys.Order(StringComparer.Ordinal))}");
                }

                result.Append(value);
                i = end + 1;
                continue;
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }

    // "${" and "}" are flow indicators in YAML, so `targets: [http://h:${PORT}]` (as the design
    // shows it) is not valid YAML as written. Before parsing, each reference is swapped for
    // private-use characters of the same length (columns in messages stay right) and swapped
    // back in every scalar before substitution.
    private const char OpenFirst = '\uE000';
    private const char OpenSecond = '\uE001';
    private const char Close = '\uE002';

    /// <summary>Makes <c>${NAME}</c> references safe to pass through a YAML parser.</summary>
    public static string Protect(string yaml) =>
        ReferencePattern().Replace(yaml, m => $"{OpenFirst}{OpenSecond}{m.Groups[1].Value}{Close}");

    /// <summary>Undoes <see cref="Protect"/> in one scalar value.</summary>
    public static string Restore(string scalar) =>
        scalar.Contains(OpenFirst, StringComparison.Ordinal)
            ? scalar.Replace($"{OpenFirst}{OpenSecond}", "${", StringComparison.Ordinal).Replace(Close.ToString(), "}", StringComparison.Ordinal)
            : scalar;

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]*)\}")]
    private static partial Regex ReferencePattern();

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
