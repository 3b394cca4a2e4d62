using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Tests.Support;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Testing.Net;

namespace PerfFleet.Worker.Tests.Pipeline;

/// <summary><c>stack: none</c> end to end: the real pipeline and load engine against a loopback server the test started (a "running deployment").</summary>
public sealed class ExternalStackTests : IDisposable
{
    private readonly PipelineFixture _fixture = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task RunAsync_StackNone_LoadsTheRunningDeploymentStageByStageAndLeavesItRunning()
    {
        var hits = 0;
        await using var deployment = await StartDeploymentAsync(async context =>
        {
            Interlocked.Increment(ref hits);
            await context.Response.WriteAsync("ok");
        });
        var url = Address(deployment);
        var spec = new LoadTestSpec
        {
            InlineSpec = $"version: 1\nscenarios:\n  warm:\n    stack: {{none: true, ready: {url}/}}\n"
                + $"    load: {{targets: [{url}], stages: [{{rate: 20, for: 1s, shape: step}}, {{rate: 60, for: 1s, shape: step}}]}}\n",
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-none", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        var summary = Assert.IsType<LoadSummary>(result.Summary);
        Assert.Equal(["step", "step"], summary.Stages.Select(s => s.Shape));
        Assert.InRange(summary.Stages[0].Stats.Requests, 18, 22);
        Assert.InRange(summary.Stages[1].Stats.Requests, 55, 65);
        Assert.Empty(result.Resources); // PerfFleet started no process, so it samples none

        // Not torn down: the deployment still answers after the run.
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(url));
    }

    [Fact]
    public async Task RunAsync_StackNoneFailing_StopWhenEndsTheLoadAndTheResultSaysWhy()
    {
        await using var deployment = await StartDeploymentAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var url = Address(deployment);
        var spec = new LoadTestSpec
        {
            InlineSpec = $"version: 1\nscenarios:\n  limiter:\n    stack: none\n"
                + $"    load: {{targets: [{url}], rate: 100, duration: 30s, stop_when: {{error_rate: 5%, window: 2s, min_requests: 20}}}}\n",
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-none-stop", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Completed, result.Status);
        var summary = Assert.IsType<LoadSummary>(result.Summary);
        Assert.StartsWith("stop_when: error rate 100% > 5%", summary.StopReason, StringComparison.Ordinal);
        Assert.True(summary.WindowEnd.ToDateTimeOffset() - summary.WindowStart.ToDateTimeOffset() < TimeSpan.FromSeconds(10), "the load ran on after the rule tripped");
    }

    [Fact]
    public async Task RunAsync_ScenarioWithASearch_FindsTheDeploymentsLimitAndReportsTheKnee()
    {
        await using var deployment = await LimitedTarget.StartAsync(LimitMode.Refuse, 300);
        var spec = new LoadTestSpec
        {
            InlineSpec = $"version: 1\nscenarios:\n  capacity:\n    stack: none\n"
                + $"    load: {{targets: [{deployment.Url}], rate: 10, duration: 1s}}\n"
                + "    search: {slo: {error_rate: 5%}, from: 50, to: 2000, step_duration: 1s}\n", // 5 %: a token bucket refuses a few just under its rate
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-search", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        var summary = Assert.IsType<LoadSummary>(result.Summary);
        var search = summary.Capacity;
        var trail = string.Join(" | ", search.Probes.Select(p => $"{p.Rate:0}/s {(p.Passed ? "pass" : "FAIL")} {p.Reason}"));
        Assert.True(search.KneeRps is >= 300 * 0.6 and <= 300 * 1.15, $"knee {search.KneeRps:0}/s of a 300/s limit: {trail}");
        Assert.InRange(search.Probes.Count, 2, 8);
        Assert.Contains(search.Probes, p => !p.Passed && p.ErrorRatePercent > 5);
        Assert.Equal(search.KneeRps, summary.RequestedRate, 6); // the summary is the knee's probe
        Assert.True(summary.WindowEnd.ToDateTimeOffset() - summary.WindowStart.ToDateTimeOffset() > TimeSpan.FromSeconds(search.Probes.Count), "the window spans every probe");
    }

    [Fact]
    public async Task RunAsync_SearchInTheSpec_ReplacesTheScenariosFixedRateWithAFiniteSearch()
    {
        await using var deployment = await StartDeploymentAsync(context => context.Response.WriteAsync("ok"));
        var spec = new LoadTestSpec
        {
            InlineSpec = $"version: 1\nscenarios:\n  plain:\n    stack: none\n    load: {{targets: [{Address(deployment)}], rate: 10, duration: 1s}}\n",
            Search = "{slo: {error_rate: 1%}, from: 20, to: 80, step_duration: 1s, max_steps: 3}",
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-spec-search", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        var search = Assert.IsType<LoadSummary>(result.Summary).Capacity;
        Assert.NotNull(search);
        Assert.InRange(search.Probes.Count, 1, 3);
        Assert.All(search.Probes, p => Assert.InRange(p.Rate, 20, 80));
        Assert.Equal(80, search.KneeRps, 6); // nothing fails below 80/s: the top of the range is the knee
    }

    [Fact]
    public async Task RunAsync_SearchInTheSpecThatIsWrong_FailsReadingTheScenarioNamingTheField()
    {
        var spec = new LoadTestSpec
        {
            InlineSpec = "version: 1\nscenarios:\n  plain:\n    stack: none\n    load: {targets: [\"http://127.0.0.1:9/\"], rate: 10, duration: 1s}\n",
            Search = "{slo: {p99: 50}, from: 20, to: 80}",
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-spec-search-bad", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("search.slo.p99", result.Reason, StringComparison.Ordinal);
        Assert.Contains("has no unit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CompareTargets_MirrorsToBothAndNamesTheReferenceForTheCoordinator()
    {
        await using var production = await StartDeploymentAsync(context => context.Response.WriteAsync("ok"));
        await using var tuned = await StartDeploymentAsync(async context =>
        {
            await Task.Delay(5);
            await context.Response.WriteAsync("ok");
        });
        var (first, second) = (Address(production), Address(tuned));
        var spec = new LoadTestSpec
        {
            InlineSpec = $"version: 1\nscenarios:\n  duet:\n    stack: none\n"
                + $"    load: {{targets: [{first}, {second}], rate: 40, duration: 2s, compare_targets: true}}\n",
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-duet", 1, spec), _fixture.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        var summary = Assert.IsType<LoadSummary>(result.Summary);
        Assert.True(summary.CompareTargets);
        Assert.Equal(first, summary.ReferenceTarget);
        Assert.Equal(new HashSet<string> { first, second }, summary.ByTarget.Keys.ToHashSet());
        Assert.True(summary.ByTarget[second].LatencyIntended.Percentiles.P50Ms > summary.ByTarget[first].LatencyIntended.Percentiles.P50Ms + 3, "the slower target is the slower one");
    }

    [Theory]
    [InlineData("rate: 500, duration: 2s", 100, 0, "asks for up to 500 requests/s, more than the coordinator's limit of 100/s (PerfFleet:Quotas:MaxRate)")]
    [InlineData("rate: 5, duration: 6h", 0, 3600, "measures for 6h, longer than the coordinator's limit of 1h (PerfFleet:Quotas:MaxDuration)")]
    [InlineData("rate: 500, duration: 2s", 100, 0, "more than the coordinator's limit of 100/s (PerfFleet:Quotas:Repositories:0:MaxRate, for acme/shop)", "PerfFleet:Quotas:Repositories:0:MaxRate, for acme/shop")]
    [InlineData("rate: 5, duration: 6h", 0, 3600, "longer than the coordinator's limit of 1h (PerfFleet:Quotas:Repositories:0:MaxDuration, for acme/shop)", "PerfFleet:Quotas:Repositories:0:MaxDuration, for acme/shop")]
    public async Task RunAsync_ScenarioPastTheCoordinatorsLimits_FailsBeforeAnyLoad(string load, double maxRate, int maxSeconds, string reason, string setting = "")
    {
        var hits = 0;
        await using var deployment = await StartDeploymentAsync(context =>
        {
            Interlocked.Increment(ref hits);
            return Task.CompletedTask;
        });
        var url = Address(deployment);
        var spec = new LoadTestSpec { InlineSpec = $"version: 1\nscenarios:\n  big:\n    stack: none\n    load: {{targets: [{url}], {load}}}\n" };
        var limits = new TestLimits
        {
            MaxRate = maxRate,
            MaxDuration = maxSeconds > 0 ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(maxSeconds)) : null,
            MaxRateSetting = maxRate > 0 ? setting : string.Empty, // a repository's own limit names its entry
            MaxDurationSetting = maxSeconds > 0 ? setting : string.Empty,
        };

        var result = await _fixture.Create(EngineLoad()).RunAsync(new RunRequest("t-limits", 1, spec) { Limits = limits }, _fixture.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, hits);
    }

    public void Dispose()
    {
        _services.Dispose();
        _fixture.Dispose();
    }

    private EngineLoadStep EngineLoad() => new(_services.GetRequiredService<IMeterFactory>(), TimeProvider.System, NullLoggerFactory.Instance);

    private static Task<WebApplication> StartDeploymentAsync(RequestDelegate handler) => LoopbackDeployment.StartAsync(handler);

    private static string Address(WebApplication app) => LoopbackDeployment.Address(app);
}
