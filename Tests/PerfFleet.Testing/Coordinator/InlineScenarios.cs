namespace PerfFleet.Testing.Coordinator;

/// <summary>Scenario files a coordinator accepts as an inline spec (ad-hoc tests).</summary>
public static class InlineScenarios
{
    /// <summary>One scenario, <c>api</c>: a local process stack and a small constant load.</summary>
    public const string Minimal = """
        version: 1
        scenarios:
          api:
            stack:
              local: [{name: sut, run: "sleep 60"}]
              ports: [sut]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              duration: 10s
              rate: 50
        """;
}
