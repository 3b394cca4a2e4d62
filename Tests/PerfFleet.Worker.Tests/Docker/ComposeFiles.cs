using PerfFleet.Testing.Docker;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Docker;

/// <summary>Compose stacks for the Docker tests: host network, the imported image, the host's /usr.</summary>
internal static class ComposeFiles
{
    private static string Common => $$"""
        version: "2.4"
        x-host: &host
          image: {{DockerDaemonFixture.Image}}
          network_mode: host
          working_dir: /repo
          environment:
            HOME: /tmp
            PERFFLEET_PORT_SUT: "${PERFFLEET_PORT_SUT}"
            PERFFLEET_PORT_PROMETHEUS: "${PERFFLEET_PORT_PROMETHEUS}"
          volumes:
            - /usr:/usr:ro
            - /etc/ssl:/etc/ssl:ro
            - {{Path.GetDirectoryName(SampleServiceProcess.DllPath)}}:/sample:ro
            - ..:/repo:ro
        """;

    public static string SampleAndPrometheus(string extraServices = "") => Common + """

        services:
          sut:
            <<: *host
            command: ["/usr/bin/dotnet", "/sample/sample-service.dll"]
          prometheus:
            <<: *host
            command:
              - /usr/bin/sh
              - -c
              - >-
                sed "s/PORT_SUT/$${PERFFLEET_PORT_SUT}/" /repo/perf/prometheus.yml > /tmp/prometheus.yml &&
                exec /usr/bin/prometheus --config.file=/tmp/prometheus.yml
                --web.listen-address=127.0.0.1:$${PERFFLEET_PORT_PROMETHEUS} --storage.tsdb.path=/tmp/data
        """ + extraServices;

    public const string FailingLoadGenerator = """

          loadgen:
            <<: *host
            command:
              - /usr/bin/sh
              - -c
              - >-
                until curl -sf http://127.0.0.1:$${PERFFLEET_PORT_SUT}/healthz; do sleep 0.2; done;
                for i in 1 2 3 4 5; do curl -sf http://127.0.0.1:$${PERFFLEET_PORT_SUT}/api/items > /dev/null; done;
                exit 3
        """;

    public static string Scenario(string stackExtra = "") => $$"""
        version: 1
        scenarios:
          api:
            stack:
              compose: perf/docker-compose.yml
              ports: [sut, prometheus]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
              ready_timeout: 60s
              prometheus: http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
              {{stackExtra}}
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: 1s
              duration: 4s
              rate: 20
            queries:
              items: {promql: 'sum(http_request_duration_seconds_count{route="/api/items"})', better: higher, threshold: 5%}
        """;
}
