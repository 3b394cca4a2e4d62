using PerfFleet.Cli.LocalRun;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing;

namespace PerfFleet.Cli.Tests.LocalRun;

/// <summary>
/// `perffleet run` for real: a local stack of the built sample service and a real Prometheus,
/// the load engine at a low rate, the scenario's query; then a second run compared with the first.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("perffleet-run-test-").FullName;

    [Fact]
    public async Task Run_SaveThenCompareTo_RunsTheStackAndComparesWithTheEarlierResult()
    {
        var scenario = WriteScenario();
        var first = Path.Combine(directory, "first.json");

        var run = await CliRun.RunAsync("run", scenario, "--save", first);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"source: every file in {directory} (not a git work tree)", run.Stderr, StringComparison.Ordinal);
        var saved = await LocalResultFile.LoadAsync(first, CancellationToken.None);
        Assert.Equal(TestStatus.Completed, saved.Test.Status);
        Assert.Equal("api", saved.Test.Spec.Scenario); // the file's only scenario, named in the result
        Assert.InRange(saved.Summary.Total.AchievedRate, 40, 60);
        var requests = Assert.Single(saved.Queries);
        Assert.Equal(string.Empty, requests.Error);
        Assert.True(requests.Series.Count > 0 && requests.Series[0].Samples.Count > 0, run.ToString());
        Assert.Contains("requests_total", run.Stdout, StringComparison.Ordinal);

        var second = await CliRun.RunAsync("run", scenario, "--compare-to", first, "--output", "json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("\"comparison\"", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"requests_total\"", second.Stdout, StringComparison.Ordinal);
        var compared = TestDetails.Parser.ParseJson(second.Stdout);
        Assert.NotEqual(Verdict.Unspecified, compared.Comparison.Verdict);
        Assert.Equal(compared.Comparison.Verdict, compared.Test.Verdict); // the run's own verdict, not "-"
        Assert.Empty(Directory.EnumerateDirectories(directory, "prom-data")); // the run used a copy, not this directory
    }

    [Fact]
    public async Task Run_ServiceCrashes_ExitsFailedWithItsErrorLineAndTheKeptLog()
    {
        var path = Path.Combine(directory, ".perffleet.yml");
        File.WriteAllText(path, """
            version: 1
            scenarios:
              api:
                stack:
                  local:
                    - name: shop-api
                      run: "echo \"Error: Cannot find module 'express'\" >&2; echo '    at Module._load (node:internal)' >&2; echo 'Node.js v20.20.2' >&2; exit 1"
                  ports: [sut]
                  ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
                load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_SUT}"], duration: 1s, rate: 1}
            """);

        var run = await CliRun.RunAsync("run", path);

        Assert.Equal(ExitCodes.TestFailed, run.ExitCode);
        Assert.Contains("Error: Cannot find module 'express'", run.Stderr, StringComparison.Ordinal);
        var kept = run.Stderr[(run.Stderr.IndexOf("the service logs are kept in ", StringComparison.Ordinal) + "the service logs are kept in ".Length)..].Trim();
        Assert.Contains("at Module._load", File.ReadAllText(Path.Combine(kept, "shop-api.log")), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(kept)!, recursive: true);
    }

    [Fact]
    public async Task Run_CompareToMissingFile_FailsBeforeAnyLoad()
    {
        var run = await CliRun.RunAsync("run", WriteScenario(), "--compare-to", Path.Combine(directory, "nope.json"));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("nope.json", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "0", "--rate")]
    [InlineData("--duration", "soon", "--duration")]
    [InlineData("--search", "{slo: {p99: 50}, from: 1, to: 2}", "search.slo.p99: \"50\" has no unit")]
    [InlineData("--search", "{slo: {p99: 50ms}, from: 1", "invalid YAML")]
    [InlineData("--search", "{slo: {p99: 50ms}, from: 9, to: 2}", "must be at least from")]
    public async Task Run_BadFlag_IsAUsageErrorNamingIt(string flag, string value, string named)
    {
        var run = await CliRun.RunAsync("run", WriteScenario(), flag, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingScenarioFile_SaysWhichFile()
    {
        var run = await CliRun.RunAsync("run", Path.Combine(directory, "missing.yml"));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("missing.yml", run.OneErrorLine(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteScenario()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var sample = Path.Combine(TestPaths.RepositoryRoot, "samples", "SampleService", "bin", configuration, "net10.0", "sample-service.dll");
        Assert.True(File.Exists(sample), $"the sample service is not built at {sample}");
        File.WriteAllText(Path.Combine(directory, "requests.jsonl"), "{\"method\": \"GET\", \"path\": \"/api/items\"}\n");
        File.WriteAllText(Path.Combine(directory, "prometheus.yml"), """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: sut
                static_configs: [{targets: ["127.0.0.1:PORT_SUT"]}]
            """);
        var path = Path.Combine(directory, ".perffleet.yml");
        File.WriteAllText(path, $$"""
            version: 1
            scenarios:
              api:
                stack:
                  local:
                    - name: prometheus
                      run: >-
                        sed "s/PORT_SUT/${PERFFLEET_PORT_SUT}/" prometheus.yml > prom.yml &&
                        exec prometheus --config.file=prom.yml --web.listen-address=127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
                        --storage.tsdb.path=prom-data
                    - name: sut
                      run: exec dotnet {{sample}}
                  ports: [sut, prometheus]
                  ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
                  ready_timeout: 60s
                  prometheus: http://127.0.0.1:${PERFFLEET_PORT_PROMETHEUS}
                load:
                  targets: [http://127.0.0.1:${PERFFLEET_PORT_SUT}]
                  warmup: 1s
                  duration: 4s
                  rate: 50
                  requests: requests.jsonl
                queries:
                  requests_total: {promql: 'sum(http_request_duration_seconds_count{route=~"/api/.*"})', better: higher, threshold: 5%}
            """);
        return path;
    }
}
