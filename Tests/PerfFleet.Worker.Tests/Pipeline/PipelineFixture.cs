using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Queries;
using PerfFleet.Runs.Source;
using PerfFleet.Runs.Stacks;
using PerfFleet.Runs.Stacks.Compose;
using PerfFleet.Runs.Stacks.External;
using PerfFleet.Runs.Stacks.Local;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Pipeline;

/// <summary>A run pipeline of real parts (git, local processes, Prometheus client) around a test repository.</summary>
internal sealed class PipelineFixture : IDisposable
{
    private readonly TempDirectory _work = new();

    public RecordingResultSink Sink { get; } = new();

    public List<RunPhase> Phases { get; } = [];

    public string RunsDirectory => _work.Combine("runs");

    public static string SampleScenario(string extraLoad = "", string readyTimeout = "30s", string? prometheusUrl = null) => $$"""
        version: 1
        scenarios:
          api:
            stack:
              local:
                - name: sut
                  run: exec dotnet {{SampleServiceProcess.DllPath}}
                - name: prometheus
                  run: >-
                    sed "s/PORT_SUT/${PERFFLEET_PORT_SUT}/" perf/prometheus.yml > prometheus.yml &&
                    exec prometheus --config.file=prometheus.yml --web.listen-address=127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
                    --storage.tsdb.path=prometheus-data
              ports: [sut, prometheus]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
              ready_timeout: {{readyTimeout}}
              prometheus: {{prometheusUrl ?? "http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}"}}
            load:
              targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
              warmup: 1s
              duration: 4s
              rate: 20
              {{extraLoad}}
            queries:
              items: {promql: 'sum(http_request_duration_seconds_count{route="/api/items"})', better: higher, threshold: 5%}
              broken: {promql: 'sum(', better: lower, threshold: 5%}
        """;

    public const string PrometheusConfig = """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: sut
            static_configs: [{targets: ["127.0.0.1:PORT_SUT"]}]
        """;

    /// <summary>The pair order seed of every pipeline made here, so paired runs draw the same orders each time.</summary>
    public const int PairOrderSeed = 7;

    public RunPipeline Create(ILoadStep load, string? dockerHost = null, double? maxRequestRate = null, IPayloadFiles? payloads = null)
    {
        var cli = new ComposeCli(Options.Create(new ComposeOptions { DockerHost = dockerHost ?? "unix://" + _work.Combine("no-docker.sock") }));
        return Create(load, cli, maxRequestRate, payloads);
    }

    private RunPipeline Create(ILoadStep load, ComposeCli cli, double? maxRequestRate, IPayloadFiles? payloads) => new(
        new GitSourceFetcher(Options.Create(new SourceOptions { CacheDirectory = _work.Combine("cache") }), NullLogger<GitSourceFetcher>.Instance),
        [
            new ComposeStackDriver(cli, new ComposeProjectCleaner(cli, NullLogger<ComposeProjectCleaner>.Instance), NullLogger<ComposeStackDriver>.Instance),
            new LocalStackDriver(TimeProvider.System, NullLogger<LocalStackDriver>.Instance),
            new ExternalStackDriver(),
        ],
        new ReadinessProbe(new HttpClient(), TimeProvider.System),
        load,
        new PrometheusQueryClient(new HttpClient(), NullLogger<PrometheusQueryClient>.Instance),
        Sink,
        Options.Create(new PipelineOptions { RunsDirectory = RunsDirectory, ResourceSampleInterval = TimeSpan.FromMilliseconds(500), QueryDelay = TimeSpan.FromSeconds(1.5), MaxRequestRate = maxRequestRate, PairOrderSeed = PairOrderSeed }),
        TimeProvider.System,
        NullLogger<RunPipeline>.Instance,
        payloads);

    public IProgress<RunProgress> Progress => new SynchronousProgress(p =>
    {
        lock (Phases)
        {
            if (Phases.Count == 0 || Phases[^1] != p.Phase)
            {
                Phases.Add(p.Phase);
            }
        }
    });

    public void Dispose() => _work.Dispose();

    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
