namespace PerfFleet.Contracts.Scenarios;

/// <summary>A parsed <c>.perffleet.yml</c>: its version and its scenarios by name.</summary>
public sealed record ScenarioFile(string File, int Version, IReadOnlyDictionary<string, Scenario> Scenarios, int ScenariosLine)
{
    /// <summary>
    /// The scenario a test names; an empty name means "the only one", which is an error when the
    /// file has several (guessing would silently test the wrong thing).
    /// </summary>
    public Scenario Select(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            if (Scenarios.Count == 1)
            {
                return Scenarios.Values.First();
            }

            throw new ScenarioException(File, ScenariosLine, 1, "scenarios",
                $"the file defines several scenarios ({string.Join(", ", Scenarios.Keys)}); name the one to run");
        }

        if (Scenarios.TryGetValue(name, out var scenario))
        {
            return scenario;
        }

        throw new ScenarioException(File, ScenariosLine, 1, "scenarios",
            $"there is no scenario \"{name}\"; the file defines: {string.Join(", ", Scenarios.Keys)}");
    }
}
