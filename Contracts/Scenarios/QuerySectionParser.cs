using System.Globalization;
using PerfFleet.Contracts.V1;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads a scenario's <c>queries:</c> section: name → {promql, better, threshold}.</summary>
internal static class QuerySectionParser
{
    public static List<ScenarioQuery> Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        var queries = new List<ScenarioQuery>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = reader.NonEmptyString(keyNode, field);
            var itemField = field + "." + name;
            if (!ScenarioParser.NamePattern().IsMatch(name))
            {
                throw reader.Fail(keyNode, itemField, "a query name uses letters, digits, '.', '_' and '-'");
            }

            var item = reader.Mapping(valueNode, itemField);
            reader.AllowOnly(item, itemField, "promql", "better", "threshold");
            var promql = reader.NonEmptyString(reader.Required(item, "promql", itemField), itemField + ".promql");
            var betterNode = reader.Required(item, "better", itemField);
            var better = reader.String(betterNode, itemField + ".better") switch
            {
                "lower" => Better.Lower,
                "higher" => Better.Higher,
                var other => throw reader.Fail(betterNode, itemField + ".better", $"\"{other}\" is not a direction; use lower or higher"),
            };
            var thresholdNode = reader.Required(item, "threshold", itemField);
            var threshold = Threshold(reader, thresholdNode, itemField + ".threshold");
            queries.Add(new ScenarioQuery(name, promql, better, threshold));
        }

        return queries;
    }

    private static double Threshold(YamlFieldReader reader, YamlNode node, string field)
    {
        var text = reader.String(node, field).Trim();
        var number = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw reader.Fail(node, field, $"\"{text}\" is not a percentage; write e.g. 10%");
        }

        return value is < 0 or > 1000 ? throw reader.Fail(node, field, "must be between 0% and 1000%") : value;
    }
}
