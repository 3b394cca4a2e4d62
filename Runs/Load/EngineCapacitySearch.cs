using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Reporting;
using PerfFleet.LoadEngine.Running;
using PerfFleet.LoadEngine.Search;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Load;

/// <summary>
/// A scenario's <c>search:</c> on the running stack (<see cref="CapacitySearchRunner"/>): probes
/// of the load section's targets and requests at rising, then bisected rates. The summary it
/// returns is the knee's probe (the highest rate that met the SLO; the first probe when none
/// did), its window spans every probe, and <see cref="LoadSummary.Capacity"/> holds the knee and
/// the curve.
/// </summary>
internal static class EngineCapacitySearch
{
    public static async Task<LoadSummary> RunAsync(LoadRunner runner, LoadPlan plan, ScenarioSearch search, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var steps = new StepLog(progress);
        progress.Report(new RunProgress(RunPhase.Measuring, TimeSpan.Zero, RequestedRate: search.From));
        var result = await new CapacitySearchRunner(runner).RunAsync(plan, search.ToOptions(), search.ToTiming(), steps, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (steps.Runs.Count == 0)
        {
            throw new RunFailedException(RunPhase.Measuring, "the capacity search ran no probe");
        }

        var knee = result.Knee is { } rate ? steps.Runs.LastOrDefault(s => s.Probe.Passed && s.Probe.Rate == rate) : null;
        var shown = (knee ?? steps.Runs[0]).Run;
        var summary = shown.ToProto();
        summary.WindowStart = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(steps.Runs[0].Run.WindowStart);
        summary.WindowEnd = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(steps.Runs[^1].Run.WindowEnd);
        summary.Capacity = ToProto(result, search);
        return summary;
    }

    public static PerfFleet.Contracts.V1.CapacitySearch ToProto(CapacitySearchResult result, ScenarioSearch search)
    {
        var proto = new PerfFleet.Contracts.V1.CapacitySearch
        {
            KneeRps = result.Knee ?? 0,
            Outcome = result.Outcome switch
            {
                CapacitySearchOutcome.Bracketed => "bracketed",
                CapacitySearchOutcome.AtLeastTo => "at_least_to",
                CapacitySearchOutcome.FromFails => "from_fails",
                _ => "steps_ran_out",
            },
            Reason = result.Reason,
            SloP99Ms = search.P99?.TotalMilliseconds ?? 0,
            SloErrorRatePercent = search.ErrorRatePercent ?? 0,
            LowestFailingRps = result.LowestFailing ?? 0,
        };
        proto.Probes.Add(result.Probes.Select(p => new PerfFleet.Contracts.V1.CapacityProbe
        {
            Rate = p.Rate,
            AchievedRate = p.AchievedRate,
            P99Ms = p.P99Ms,
            ErrorRatePercent = p.ErrorRate * 100,
            Passed = p.Passed,
            Reason = p.Reason,
        }));
        return proto;
    }

    /// <summary>Keeps each probe's run (a synchronous IProgress: Progress&lt;T&gt; would post it later) and reports the rate being probed.</summary>
    private sealed class StepLog(IProgress<RunProgress> progress) : IProgress<CapacitySearchStep>
    {
        public List<CapacitySearchStep> Runs { get; } = [];

        public void Report(CapacitySearchStep value)
        {
            Runs.Add(value);
            var total = value.Run.Total;
            progress.Report(new RunProgress(RunPhase.Measuring, value.Run.WindowEnd - Runs[0].Run.WindowStart, total.AchievedRate, value.Probe.Rate, total.Requests, total.Errors));
        }
    }
}
