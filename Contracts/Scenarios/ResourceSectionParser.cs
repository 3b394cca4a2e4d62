using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Reads a scenario's <c>resources:</c> section:
/// <c>{cpu: {threshold, floor}, memory: {threshold, floor}, ignore: [container, ...]}</c>, every part optional.
/// </summary>
internal static class ResourceSectionParser
{
    /// <summary>More names than any stack has containers: a longer list is a mistake, not a stack.</summary>
    public const int MaxIgnored = 64;

    public static ScenarioResources Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "cpu", "memory", "ignore");
        var cpu = Rule(reader, YamlFieldReader.Optional(map, "cpu"), field + ".cpu", ScenarioResourceRule.MaxCpuFloorCores);
        var memory = Rule(reader, YamlFieldReader.Optional(map, "memory"), field + ".memory", ScenarioResourceRule.MaxMemoryFloorMiB);
        var ignoreNode = YamlFieldReader.Optional(map, "ignore");
        var ignore = ignoreNode is null ? [] : Ignore(reader, ignoreNode, field + ".ignore");
        return new ScenarioResources(cpu, memory, ignore);
    }

    private static ScenarioResourceRule Rule(YamlFieldReader reader, YamlNode? node, string field, double maxFloor)
    {
        if (node is null)
        {
            return ScenarioResourceRule.Unset;
        }

        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "threshold", "floor");
        var threshold = YamlFieldReader.Optional(map, "threshold") is { } t ? reader.Percentage(t, field + ".threshold") : (double?)null;
        var floor = YamlFieldReader.Optional(map, "floor") is { } f ? reader.Number(f, field + ".floor", 0, maxFloor) : (double?)null;
        return new ScenarioResourceRule(threshold, floor);
    }

    private static IReadOnlyList<string> Ignore(YamlFieldReader reader, YamlNode node, string field)
    {
        var names = reader.StringList(node, field);
        if (names.Count > MaxIgnored)
        {
            throw reader.Fail(node, field, $"lists {names.Count} containers; the limit is {MaxIgnored}");
        }

        var sequence = (YamlSequenceNode)node; // StringList has checked it is one
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!ScenarioParser.NamePattern().IsMatch(names[i]))
            {
                throw reader.Fail(sequence.Children[i], $"{field}[{i}]", $"\"{names[i]}\" is not a container name: a compose service or local service name uses letters, digits, '.', '_' and '-'");
            }

            if (!seen.Add(names[i]))
            {
                throw reader.Fail(sequence.Children[i], $"{field}[{i}]", $"\"{names[i]}\" is listed twice");
            }
        }

        return names;
    }
}
