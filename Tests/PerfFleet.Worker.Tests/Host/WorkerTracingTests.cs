using System.Collections.Concurrent;
using System.Diagnostics;
using PerfFleet.Common.Tracing;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Waiting;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>
/// A run on a real worker host leaves one "run test" span, a child of the trace the leader's
/// <c>Worker.Start</c> carried in, with a span per phase under it.
/// </summary>
public sealed class WorkerTracingTests
{
    [Fact]
    public async Task Start_WithTraceContext_RunSpanJoinsTheCallersTraceWithAPhaseSpanEach()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PerfFleetTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var coordinator = await FakeCoordinator.StartAsync();
        await using var worker = await WorkerUnderTest.StartAsync([coordinator.Address], WorkerHostRunTests.Capacity(tests: 1, rate: 1000));
        var (repository, commit) = await HostScenarios.SampleRepositoryAsync("2s", 20);
        using var _ = repository;
        var spec = new LoadTestSpec { CloneUrl = repository.FileUrl, Commit = commit, Tag = "traced" };

        // The caller's span, as the leader's "dispatch test" span would be: the gRPC client carries it.
        using var caller = new Activity("leader dispatch").Start();
        await worker.Client.StartAsync(HostScenarios.Start("traced", spec, 1, new Quota(), HostScenarios.Quota(1, 20, 0)), WorkerUnderTest.Call);
        caller.Stop();
        await Eventually.WaitUntilAsync(() => coordinator.State.FinalOf("traced") is not null, TimeSpan.FromSeconds(90), "the results");
        await Eventually.WaitUntilAsync(() => spans.Any(s => s.DisplayName == "run test" && Equals(s.GetTagItem(PerfFleetTracing.TestIdTag), "traced")), TimeSpan.FromSeconds(10), "the run span");

        var run = spans.Single(s => s.DisplayName == "run test" && Equals(s.GetTagItem(PerfFleetTracing.TestIdTag), "traced"));
        var phases = spans.Where(s => s.ParentSpanId == run.SpanId).Select(s => s.DisplayName).ToList();
        Assert.Equal(caller.TraceId, run.TraceId);
        Assert.Contains("fetching source", phases);
        Assert.Contains("measuring", phases);
        Assert.Contains("querying", phases);
        Assert.Contains("reporting", phases);
    }
}
