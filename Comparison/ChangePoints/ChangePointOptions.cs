using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Comparison.ChangePoints;

/// <summary>Options under <c>PerfFleet:ChangePoints</c>: steps on the default branch's history.</summary>
public sealed class ChangePointOptions
{
    public const string SectionName = "PerfFleet:ChangePoints";

    /// <summary>Runs on each side of a step at least; an alert comes this many baselines after the step.</summary>
    [Range(2, 100)]
    public int MinSegment { get; set; } = ChangePointRules.DefaultMinSegment;

    /// <summary>Steps smaller than this (medians either side, percent) are not reported.</summary>
    [Range(0, 10_000)]
    public double MinChangePercent { get; set; } = ChangePointRules.DefaultMinChangePercent;

    /// <summary>A step must also be this many standard errors of the history's noise.</summary>
    [Range(0, 100)]
    public double MinShiftSigmas { get; set; } = ChangePointRules.DefaultMinShiftSigmas;

    /// <summary>Baselines an alert looks at (newest first): enough for a segment each side of a recent step.</summary>
    [Range(4, 1000)]
    public int AlertHistory { get; set; } = 50;

    /// <summary>
    /// Runs past <see cref="MinSegment"/> that must follow a step before it is alerted, so the
    /// alert names the right commit (see <see cref="NewSteps"/>).
    /// </summary>
    [Range(0, 50)]
    public int AlertSettle { get; set; } = 2;

    /// <summary>
    /// How many runs late a step may first be seen and still be alerted (see <see cref="NewSteps"/>).
    /// </summary>
    [Range(0, 50)]
    public int AlertLookBack { get; set; } = 5;

    public ChangePointRules Rules => new(MinSegment, MinChangePercent, MinShiftSigmas);

    /// <summary>
    /// The rules for one metric: the engine's error rate also needs the comparison's floor in
    /// points (<see cref="ComparisonOptions.EngineErrorRateFloorPoints"/>), as its verdict does.
    /// </summary>
    public ChangePointRules RulesFor(string metric, ComparisonOptions comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return metric == EngineMetrics.ErrorRate ? Rules with { MinAbsoluteChange = comparison.EngineErrorRateFloorPoints } : Rules;
    }
}
