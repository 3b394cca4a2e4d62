using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>
/// Judges a completed run: every PromQL query, the load engine's own metrics, and the CPU and
/// memory of each container of the stack, each with the numbers behind its verdict (DESIGN.md
/// "Comparing a run with the baseline"). Three ways in, one set of rules
/// (<see cref="RunJudgement"/>): a paired run's interleaved repetitions
/// (<see cref="ComparePaired"/>, the strongest evidence), an unpaired run against the history of
/// baselines (<see cref="CompareWithHistory"/>), and one run against one other
/// (<see cref="Compare"/>, for <c>/compare</c> and the CLI). Each way judges the endpoints of a
/// load with several too (<see cref="EndpointComparison"/>).
/// </summary>
public sealed class RunComparer(IOptions<ComparisonOptions> options, TimeProvider timeProvider)
{
    private readonly ComparisonOptions _options = options.Value;

    public double Alpha => _options.Alpha;

    /// <summary>A paired run: its repetitions of both roles, matched by pair.</summary>
    public PerfFleet.Contracts.V1.Comparison ComparePaired(RunMeasurements run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var comparison = New(run, null);
        var rows = PairedComparison.Compare(run.Repetitions ?? [], _options, comparison);
        RunJudgement.Decide(comparison, rows, _options);
        EndpointComparison.Add(comparison, run, through => PairedComparison.Compare(through(run).Repetitions ?? [], _options, new PerfFleet.Contracts.V1.Comparison()), _options);
        TargetComparison.Add(comparison, run, _options);
        if (comparison.Pairs == 0)
        {
            comparison.Verdict = Verdict.Error; // the worker sent no comparable pair: a bug to see, not "no baseline"
        }

        comparison.Noise = NoisyRuns.Describe(run, [], _options.LateRequestsPercent);
        return comparison;
    }

    /// <param name="test">The run being judged, measured once (or paired: then its test repetitions count).</param>
    /// <param name="baselines">Completed baselines of the same repository and scenario, newest first; the first <see cref="ComparisonOptions.HistoryBaselines"/> are used.</param>
    public PerfFleet.Contracts.V1.Comparison CompareWithHistory(RunMeasurements test, IReadOnlyList<RunMeasurements> baselines)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(baselines);
        var used = baselines.Where(b => b is not null).Take(_options.HistoryBaselines).ToList();
        if (used.Count < _options.MinHistoryBaselines)
        {
            // Too few runs to measure their spread: one run against the newest, on its window.
            var single = Compare(test, used.FirstOrDefault());
            single.BaselineRuns = used.Count == 0 ? 0 : 1;
            single.Method = string.Create(CultureInfo.InvariantCulture, $"only {used.Count} baselines (the history rule needs {_options.MinHistoryBaselines}): ") + single.Method;
            return single;
        }

        var comparison = New(test, used[0]);
        comparison.BaselineRuns = used.Count;
        comparison.Method = string.Create(CultureInfo.InvariantCulture, $"against the last {used.Count} baselines (newest {used[0].TestId}): outside their prediction interval and past the threshold");
        RunJudgement.Decide(comparison, HistoryComparison.Compare(test, used, _options), _options);
        EndpointComparison.Add(comparison, test, through => HistoryComparison.Compare(through(test), [.. used.Select(through)], _options), _options);
        TargetComparison.Add(comparison, test, _options);
        comparison.Noise = NoisyRuns.Describe(test, used, _options.LateRequestsPercent);
        return comparison;
    }

    /// <param name="test">The run being judged.</param>
    /// <param name="baseline">The run to compare with, or null when the repository and scenario have none yet.</param>
    public PerfFleet.Contracts.V1.Comparison Compare(RunMeasurements test, RunMeasurements? baseline)
    {
        ArgumentNullException.ThrowIfNull(test);
        var comparison = New(test, baseline);
        comparison.BaselineRuns = baseline is null ? 0 : 1;
        comparison.Method = baseline is null
            ? "no baseline run"
            : "one run against baseline " + baseline.TestId + ": window samples, with effective sample sizes for their autocorrelation";
        RunJudgement.Decide(comparison, WindowComparison.Compare(test, baseline, _options), _options);
        EndpointComparison.Add(comparison, test, through => WindowComparison.Compare(through(test), baseline is null ? null : through(baseline), _options), _options, spreadMeasured: false);
        TargetComparison.Add(comparison, test, _options);
        if (baseline is null)
        {
            comparison.Verdict = Verdict.NoBaseline;
        }

        comparison.Noise = NoisyRuns.Describe(test, baseline is null ? [] : [baseline], _options.LateRequestsPercent);
        return comparison;
    }

    private PerfFleet.Contracts.V1.Comparison New(RunMeasurements test, RunMeasurements? baseline) => new()
    {
        TestId = test.TestId,
        BaselineTestId = baseline?.TestId ?? string.Empty,
        BaselineCommit = baseline?.Commit ?? string.Empty,
        Alpha = _options.Alpha,
        ComputedAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
    };
}
