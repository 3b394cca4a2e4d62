using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Typed access to the YAML tree that turns every problem into a <see cref="ScenarioException"/>
/// carrying the node's line and column and the dotted field path.
/// </summary>
internal sealed class YamlFieldReader(string file, IReadOnlyDictionary<string, string>? variables)
{
    public string File { get; } = file;

    public ScenarioException Fail(YamlNode node, string field, string problem) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, field, problem);

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Fail(node, field, $"expected a mapping (key: value pairs), found {Describe(node)}");

    public YamlSequenceNode Sequence(YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Fail(node, field, $"expected a list, found {Describe(node)}");

    /// <summary>Rejects keys the format does not define: a typo must not silently fall back to a default.</summary>
    public void AllowOnly(YamlMappingNode map, string field, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Fail(key, Join(field, name ?? "?"), $"unknown key \"{name}\"; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }

    public static YamlNode? Optional(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node))
        {
            return null;
        }

        return node;
    }

    public YamlNode Required(YamlMappingNode map, string key, string field) =>
        Optional(map, key) ?? throw Fail(map, Join(field, key), "is required");

    public string String(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw Fail(node, field, $"expected a string, found {Describe(node)}");
        }

        return Substitute(scalar, field);
    }

    public string NonEmptyString(YamlNode node, string field)
    {
        var value = String(node, field);
        return string.IsNullOrWhiteSpace(value) ? throw Fail(node, field, "must not be empty") : value;
    }

    /// <summary><c>true</c> or <c>false</c>, nothing else (YAML 1.1's yes/no/on/off are refused: they surprise).</summary>
    public bool Bool(YamlNode node, string field) => String(node, field) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Fail(node, field, $"must be true or false, got '{other}'"),
    };

    public int Int(YamlNode node, string field, int min, int max)
    {
        // "expected a string" would mislead someone who wrote a list where a count goes.
        if (node is not YamlScalarNode)
        {
            throw Fail(node, field, $"expected a whole number, found {Describe(node)}");
        }

        var text = String(node, field);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail(node, field, $"expected a whole number, found \"{text}\"");
        }

        return value < min || value > max ? throw Fail(node, field, $"must be between {min} and {max}, found {value}") : value;
    }

    public double Number(YamlNode node, string field, double min, double max)
    {
        var text = String(node, field);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Fail(node, field, $"expected a number, found \"{text}\"");
        }

        return value < min || value > max ? throw Fail(node, field, $"must be between {min} and {max}, found {text}") : value;
    }

    /// <summary>A threshold such as <c>10%</c> (the sign may be left out), between 0 % and 1000 %.</summary>
    public double Percentage(YamlNode node, string field)
    {
        var text = String(node, field).Trim();
        var number = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Fail(node, field, $"\"{text}\" is not a percentage; write e.g. 10%");
        }

        return value is < 0 or > ScenarioQuery.MaxThresholdPercent ? throw Fail(node, field, FormattableString.Invariant($"must be between 0% and {ScenarioQuery.MaxThresholdPercent}%")) : value;
    }

    public TimeSpan Duration(YamlNode node, string field)
    {
        var text = String(node, field);
        return DurationParser.TryParse(text, out var value, out var error) ? value : throw Fail(node, field, error);
    }

    public IReadOnlyList<string> StringList(YamlNode node, string field)
    {
        var sequence = Sequence(node, field);
        var list = new List<string>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            list.Add(NonEmptyString(sequence.Children[i], $"{field}[{i}]"));
        }

        return list;
    }

    public IReadOnlyDictionary<string, string> StringMap(YamlNode node, string field)
    {
        var map = Mapping(node, field);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var name = NonEmptyString(key, field);
            if (result.ContainsKey(name))
            {
                throw Fail(key, Join(field, name), "is given twice");
            }

            result[name] = IsNull(value) ? string.Empty : String(value, Join(field, name));
        }

        return result;
    }

    public static string Join(string field, string key) => string.IsNullOrEmpty(field) ? key : field + "." + key;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private string Substitute(YamlScalarNode scalar, string field)
    {
        var text = VariableSubstitution.Restore(scalar.Value ?? string.Empty);
        if (variables is null)
        {
            return text;
        }

        try
        {
            return VariableSubstitution.Apply(text, variables);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or FormatException)
        {
            throw Fail(scalar, field, ex.Message);
        }
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"\"{Truncate(scalar.Value)}\"",
        _ => "an unexpected node",
    };

    private static string Truncate(string? value)
    {
        var text = VariableSubstitution.Restore(value ?? string.Empty);
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
