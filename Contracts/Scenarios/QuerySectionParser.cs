using PerfFleet.Contracts.V1;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads a scenario's <c>queries:</c> section: name → {promql, better, threshold, floor}.</summary>
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
            reader.AllowOnly(item, itemField, "promql", "better", "threshold", "floor");
            var promql = reader.NonEmptyString(reader.Required(item, "promql", itemField), itemField + ".promql");
            var betterNode = reader.Required(item, "better", itemField);
            var better = reader.String(betterNode, itemField + ".better") switch
            {
                "lower" => Better.Lower,
                "higher" => Better.Higher,
                var other => throw reader.Fail(betterNode, itemField + ".better", $"\"{other}\" is not a direction; use lower or higher"),
            };
            var thresholdNode = reader.Required(item, "threshold", itemField);
            var threshold = reader.Percentage(thresholdNode, itemField + ".threshold");
            var floor = YamlFieldReader.Optional(item, "floor") is { } floorNode
                ? reader.Number(floorNode, itemField + ".floor", 0, ScenarioQuery.MaxFloor)
                : 0;
            queries.Add(new ScenarioQuery(name, promql, better, threshold, floor));
        }

        return queries;
    }
}
