using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Reads the long form of <c>stack: none</c>: <c>{none: true, ready: URL, ready_timeout: 30s,
/// prometheus: URL}</c>, a deployment that is already running, with the URL to wait for and the
/// Prometheus that scrapes it (the queries need one).
/// </summary>
internal static class ExternalStackParser
{
    public static ScenarioStack Parse(YamlFieldReader reader, YamlMappingNode map, YamlNode noneNode, string field)
    {
        reader.AllowOnly(map, field, "none", "ready", "ready_timeout", "prometheus");
        if (noneNode is not YamlScalarNode { Value: "true" })
        {
            throw reader.Fail(noneNode, field + ".none", "must be true (the load goes to a deployment that is already running); leave it out for a compose or local stack");
        }

        var ready = StackSectionParser.OptionalUrl(reader, map, "ready", field);
        return ScenarioStack.External(ready, StackSectionParser.ReadyTimeout(reader, map, field), StackSectionParser.OptionalUrl(reader, map, "prometheus", field));
    }

    /// <summary>
    /// What a running deployment needs from the rest of the scenario: PerfFleet makes the load
    /// itself (there is no load-generator service), and queries need a Prometheus to ask.
    /// </summary>
    public static void CheckScenario(YamlFieldReader reader, YamlMappingNode scenario, string field, ScenarioStack stack, bool hasQueries)
    {
        if (!stack.IsExternal)
        {
            return;
        }

        if (YamlFieldReader.Optional(scenario, "load") is null)
        {
            throw reader.Fail(scenario, field + ".load", "is required with \"stack: none\": load.targets names the running deployment's URLs");
        }

        if (hasQueries && stack.Prometheus is null)
        {
            throw reader.Fail(YamlFieldReader.Optional(scenario, "queries")!, field + ".queries", "need a Prometheus, and \"stack: none\" has none; write stack: {none: true, prometheus: URL}");
        }
    }
}
