using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Payloads;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Worker.Tests.Payloads;

/// <summary>Which requests a run replays: the test's over the scenario's; paths made absolute, payloads fetched.</summary>
public sealed class RequestSourcesTests
{
    private const string Yaml = """
        version: 1
        scenarios:
          api:
            stack: {local: [{name: sut, run: "true"}]}
            load: {targets: ["http://127.0.0.1:1"], rate: 10, duration: 5s, requests: perf/requests.jsonl}
          generator:
            stack: {compose: perf/compose.yml, load_generator: loadgen}
        """;

    private static Scenario ScenarioNamed(string name) => ScenarioParser.Parse(Yaml).Select(name);

    [Fact]
    public void Apply_NoTestRequests_ScenarioPathInsideTheCheckout()
    {
        var scenario = RequestSources.Apply(ScenarioNamed("api"), new LoadTestSpec(), "/runs/1/checkout");

        Assert.Equal(Path.Combine("/runs/1/checkout", "perf/requests.jsonl"), scenario.Load!.Requests);
    }

    [Fact]
    public void Apply_TestNamesAPayload_ItWinsAndStaysAReference()
    {
        var scenario = RequestSources.Apply(ScenarioNamed("api"), new LoadTestSpec { Requests = "payload://reqs" }, "/runs/1/checkout");

        Assert.Equal("payload://reqs", scenario.Load!.Requests);
    }

    [Fact]
    public void Apply_TestRequestsButTheScenarioHasNoBuiltInLoad_RunFailsSayingSo()
    {
        var ex = Assert.Throws<RunFailedException>(() => RequestSources.Apply(ScenarioNamed("generator"), new LoadTestSpec { Requests = "payload://reqs" }, "/c"));

        Assert.Contains("has none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPayload_NoStore_RunFailsAtOnceNamingTheReference()
    {
        var scenario = RequestSources.Apply(ScenarioNamed("api"), new LoadTestSpec { Requests = "payload://reqs" }, "/c");

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => RequestSources.FetchPayloadAsync(scenario, new NoPayloadStore(), new RunRequest("t", 1, new LoadTestSpec()), CancellationToken.None));

        Assert.Contains("payload://reqs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPayload_Store_LoadGetsTheLocalPath()
    {
        var scenario = RequestSources.Apply(ScenarioNamed("api"), new LoadTestSpec { Requests = "payload://reqs" }, "/c");

        var fetched = await RequestSources.FetchPayloadAsync(scenario, new FixedFiles("/cache/abc.jsonl"), new RunRequest("t", 1, new LoadTestSpec()), CancellationToken.None);

        Assert.Equal("/cache/abc.jsonl", fetched.Load!.Requests);
    }

    private sealed class FixedFiles(string path) : IPayloadFiles
    {
        public Task<string> GetFileAsync(PayloadReference reference, RunRequest request, CancellationToken cancellationToken) => Task.FromResult(path);
    }
}
