using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PerfFleet.Comparison;

/// <summary>Options under <c>PerfFleet:Comparison</c>.</summary>
public sealed class ComparisonOptions : IValidatableObject
{
    public const string SectionName = "PerfFleet:Comparison";

    /// <summary>
    /// The chance of a false regression or improvement in a run with no change, over all its
    /// metrics together (Holm's correction): 0.01 is one false alarm in a hundred unchanged runs.
    /// </summary>
    [Range(1e-9, 0.5)]
    public double Alpha { get; set; } = 0.01;

    /// <summary>How many of the newest baselines an unpaired run is judged against.</summary>
    [Range(2, 100)]
    public int HistoryBaselines { get; set; } = 5;

    /// <summary>
    /// The fewest baselines the history rule uses: a prediction interval from 2 runs has one
    /// degree of freedom and spans most of any axis. With fewer, one run is compared with the
    /// newest on its window samples.
    /// </summary>
    [Range(2, 100)]
    public int MinHistoryBaselines { get; set; } = 3;

    /// <summary>
    /// One run against one other (no pairs, too short a history): the run-to-run spread of a
    /// run's level, in percent, assumed because two runs cannot show it. Machines of one fleet
    /// differ by 1-3 % between runs of the same commit; assuming the top of that range keeps a
    /// no-change run's regression verdicts near 1 % at 3 % thresholds, where 2 % let 5-9 % through
    /// (docs/BENCHMARKS.md, "One run against one other"). 0 trusts the windows alone, which
    /// calls such offsets significant.
    /// </summary>
    [Range(0, 100)]
    public double WindowRunSpreadPercent { get; set; } = 3;

    /// <summary>
    /// The narrowest band, in percent either side, that <c>unchanged</c> asks a metric's interval to
    /// lie inside; a metric whose threshold is wider uses its threshold. A threshold says which
    /// change is a regression once it is shown; ruling a change out needs a tighter interval than
    /// showing one, and a 3 % band asks more of a run of pairs than the machine's run-to-run
    /// spread lets it give (bench/verdicts: after 20 pairs most no-change runs would still be
    /// inconclusive). 0: the threshold alone.
    /// </summary>
    [Range(0, 10_000)]
    public double UnchangedWithinPercent { get; set; } = 5;

    /// <summary>The interval of a paired change: Student's t (default; see bench/verdicts) or the distribution-free signed-rank one.</summary>
    [EnumDataType(typeof(PairedIntervalMethod))]
    public PairedIntervalMethod PairedInterval { get; set; } = PairedIntervalMethod.StudentT;

    /// <summary>
    /// Relative threshold for the load engine's intended-time p99 latency. 3: a real change is caught
    /// when the pairs are sure it is past the threshold, so a threshold the size of the change
    /// catches it about half the time; at 3 % the shipped flow finds every +10 % change and 77-98 %
    /// of +5 % ones, with no false alarm in 1,000 no-change runs (bench/verdicts).
    /// </summary>
    [Range(0, 10_000)]
    public double EngineP99ThresholdPercent { get; set; } = 3;

    /// <summary>Relative threshold for the load engine's achieved request rate.</summary>
    [Range(0, 10_000)]
    public double EngineAchievedRateThresholdPercent { get; set; } = 5;

    /// <summary>Relative threshold for the load engine's error rate (errors per 100 requests).</summary>
    [Range(0, 10_000)]
    public double EngineErrorRateThresholdPercent { get; set; } = 10;

    /// <summary>
    /// Relative threshold for a capacity search's knee (the highest rate that met the SLO). The
    /// search brackets the knee within its tolerance (5 % by default), so a smaller threshold
    /// would judge the search's own resolution.
    /// </summary>
    public double EngineCapacityThresholdPercent { get; set; } = 10;

    /// <summary>
    /// The error rate must also move by this many percentage points: from 0 % a single error is
    /// an infinite relative change, which is not a regression on its own.
    /// </summary>
    [Range(0, 100)]
    public double EngineErrorRateFloorPoints { get; set; } = 0.1;

    /// <summary>
    /// A run whose load generator sent more than this share of its requests late (its own lateness
    /// past the engine's tolerance, not a backlog the system caused) was measured on a busy machine: every report
    /// of a comparison with it says so (<see cref="NoisyRuns"/>).
    /// </summary>
    [Range(0, 100)]
    public double LateRequestsPercent { get; set; } = 1;

    /// <summary>
    /// Judge unpaired runs against noisy baselines too. Off: a baseline measured on a busy machine
    /// is stored and shown, but passed over when the newest baselines are chosen (a pinned one is
    /// used whatever it is), so one overloaded run does not become the yardstick.
    /// </summary>
    public bool UseNoisyBaselines { get; set; }

    /// <summary>
    /// Endpoints are judged when the load had more than one. One whose test run sent fewer
    /// requests than this is left out (named in the endpoints' correction line): the p99 of a
    /// few dozen requests is one slow request, not a quantile.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int EndpointMinRequests { get; set; } = 200;

    /// <summary>At most this many endpoints are judged, the busiest first; the rest are named as left out.</summary>
    [Range(0, 1000)]
    public int MaxEndpoints { get; set; } = 50;

    /// <summary>CPU and memory of the stack's containers, under <c>PerfFleet:Comparison:Resources</c>.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResourceComparisonOptions Resources { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // More required than used would silently turn the history rule off.
        if (MinHistoryBaselines > HistoryBaselines)
        {
            yield return new ValidationResult(
                $"MinHistoryBaselines ({MinHistoryBaselines}) must not exceed HistoryBaselines ({HistoryBaselines})",
                [nameof(MinHistoryBaselines), nameof(HistoryBaselines)]);
        }
    }
}
