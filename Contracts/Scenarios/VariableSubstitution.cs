using System.Text;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Replaces <c>${NAME}</c> with values of a dictionary (e.g. PERFFLEET_PORT_SUT). <c>$${</c> stands
/// for a literal <c>${</c>. An unknown name is an error rather than an empty string, because an
/// empty port or URL would fail much later with a far less helpful message.
/// </summary>
public static class VariableSubstitution
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

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
