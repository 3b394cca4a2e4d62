using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Tests.Pipeline;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>Scenarios and Start requests for the host tests.</summary>
internal static class HostScenarios
{
    /// <summary>The sample service and a Prometheus scraping it as a local stack; the load replays perf/requests.jsonl.</summary>
    public static string Sample(string warmup, string duration, int rate) => $$"""
        version: 1
        scenarios:
          api:
            stack:
              local:
                - name: sut
                  # Started once Prometheus is ready, so the stack's readiness (the service's) also means
                  # Prometheus scrapes the whole window, even on a busy machine.
                  run: >-
                    until curl -sf http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}/-/ready > /dev/null; do sleep 0.1; done;
                    exec dotnet {{SampleServiceProcess.DllPath}}
                - name: prometheus
                  run: >-
                    sed "s/PORT_SUT/${PERFFLEET_PORT_SUT}/" perf/prometheus.yml > prometheus.yml &&
                    exec prometheus --config.file=prometheus.yml --web.listen-address=127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
                    --storage.tsdb.path=prometheus-data
              ports: [sut, prometheus]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
              ready_timeout: 30s
              prometheus: http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: {{warmup}}
              duration: {{duration}}
              rate: {{rate}}
              requests: perf/requests.jsonl
            queries:
              items: {promql: 'sum(http_request_duration_seconds_count{route="/api/items"})', better: higher, threshold: 5%}
        """;

    public const string Requests = """{"method": "GET", "path": "/api/items"}""" + "\n";

    /// <summary>An inline scenario whose stack never becomes ready: the test stays in StartingStack until stopped.</summary>
    public const string NeverReady = """
        version: 1
        scenarios:
          idle:
            stack:
              local:
                - name: idle
                  run: exec sleep 300
              ports: [idle]
              ready: http://127.0.0.1:${PERFFLEET_PORT_IDLE}/never
              ready_timeout: 10m
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_IDLE}]
              duration: 1s
              rate: 1
        """;

    public static async Task<(GitTestRepository Repository, string Commit)> SampleRepositoryAsync(string duration, int rate)
    {
        var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync(
            "perf",
            (".perffleet.yml", Sample("2s", duration, rate)),
            ("perf/prometheus.yml", PipelineFixture.PrometheusConfig),
            ("perf/requests.jsonl", Requests));
        return (repository, commit);
    }

    public static StartRequest Start(string testId, LoadTestSpec spec, long epoch, Quota expectedFree, Quota required, int attempt = 1) => new()
    {
        Test = new LoadTest { Id = testId, Attempts = attempt, Spec = spec },
        Epoch = epoch,
        ExpectedFree = expectedFree,
        Required = required,
    };

    public static LoadTestSpec Idle() => new() { InlineSpec = NeverReady, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) };

    public static Quota Quota(int tests, double rate, double cores) => new() { ConcurrentTests = tests, RequestRate = rate, Cores = cores };
}
