using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

/// <summary>Scenario documents used by the parser tests.</summary>
internal static class ScenarioYaml
{
    public const string Full = """
        version: 1
        scenarios:
          api:
            stack:
              compose: perf/docker-compose.yml
              ports: [sut, prometheus]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
              ready_timeout: 30s
              prometheus: http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: 10s
              duration: 1m
              rate: 500
              requests: perf/requests.jsonl
              replay: {times: 3}
              timeout: 2s
              headers: [{match: "^/api/", set: {X-Perf: "1"}, remove: [Cookie]}]
              tag: api-load
              connections: 8
              max_in_flight: 256
              protocol: http2
            queries:
              p99_latency_ms: {promql: "histogram_quantile(0.99, rate(x[30s]))", better: lower, threshold: 10%}
              throughput_rps: {promql: "sum(rate(y[30s]))", better: higher, threshold: 5}
        """;

    public const string Local = """
        version: 1
        scenarios:
          local-api:
            stack:
              local:
                - name: sut
                  run: dotnet sample-service.dll
                  env: {SAMPLE_DELAY_MS_ITEMS: "5"}
                  cwd: bin
                - {name: prometheus, run: "prometheus --config.file=perf/prometheus.yml"}
              ports: [sut]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}, http://127.0.0.1:${PERFFLEET_PORT_SUT}/mirror]
              stages: [{rate: 100, for: 10s}, {rate: 1, for: 5s}, {rate: 500, for: 50s}]
              replay: once
        """;

    public static readonly Dictionary<string, string> Variables = new()
    {
        ["PERFFLEET_PORT_SUT"] = "40001",
        ["PERFFLEET_PORT_PROMETHEUS"] = "40002",
        ["PERFFLEET_COMMIT"] = "abc",
        ["PERFFLEET_REPOSITORY"] = "o/r",
        ["PERFFLEET_RUN_ID"] = "run-1",
    };

    /// <summary>Parsing <paramref name="yaml"/> fails at <paramref name="line"/> and <paramref name="field"/>, its problem containing <paramref name="problem"/>.</summary>
    public static void AssertFails(string yaml, int line, string field, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, ".perffleet.yml", Variables));

        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($".perffleet.yml:{line}:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal valid scenario whose load section is replaced by <paramref name="loadBody"/> (indented 6).</summary>
    public static string WithLoad(string loadBody) => $"""
        version: 1
        scenarios:
          api:
            stack:
              local: [{"{"}name: sut, run: "true"{"}"}]
            load:
        {Indent(loadBody, 6)}
        """;

    public static string WithStack(string stackBody) => $"""
        version: 1
        scenarios:
          api:
            stack:
        {Indent(stackBody, 6)}
            load: {"{"}targets: [http://127.0.0.1:1], rate: 1, duration: 1s{"}"}
        """;

    public static string WithQueries(string queriesBody) => WithSection("queries", queriesBody);

    public static string WithResources(string resourcesBody) => WithSection("resources", resourcesBody);

    /// <summary>A minimal valid scenario with a <c>repeat:</c> section (its body starts on line 7).</summary>
    public static string WithRepeat(string repeatBody) => WithSection("repeat", repeatBody);

    /// <summary>A minimal valid scenario with a <c>search:</c> section (its body starts on line 7).</summary>
    public static string WithSearch(string searchBody) => WithSection("search", searchBody);

    /// <summary>A minimal valid scenario with one more section, <paramref name="name"/>, whose body is <paramref name="body"/> (indented 6).</summary>
    private static string WithSection(string name, string body) => $"""
        version: 1
        scenarios:
          api:
            stack: {"{"}local: [{"{"}name: sut, run: "true"{"}"}]{"}"}
            load: {"{"}targets: [http://127.0.0.1:1], rate: 1, duration: 1s{"}"}
            {name}:
        {Indent(body, 6)}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', spaces) + line));
}
