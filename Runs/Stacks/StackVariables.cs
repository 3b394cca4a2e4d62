using System.Globalization;

namespace PerfFleet.Runs.Stacks;

/// <summary>The variables a stack sees: PERFFLEET_PORT_&lt;NAME&gt; per port, plus commit, repository and run id.</summary>
public static class StackVariables
{
    public const string Commit = "PERFFLEET_COMMIT";
    public const string Repository = "PERFFLEET_REPOSITORY";
    public const string RunId = "PERFFLEET_RUN_ID";

    public static string PortVariable(string portName) => "PERFFLEET_PORT_" + portName.ToUpperInvariant();

    public static IReadOnlyDictionary<string, string> Build(IReadOnlyDictionary<string, int> ports, string commit, string repository, string runId)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Commit] = commit,
            [Repository] = repository,
            [RunId] = runId,
        };
        foreach (var (name, port) in ports)
        {
            variables[PortVariable(name)] = port.ToString(CultureInfo.InvariantCulture);
        }

        return variables;
    }
}
