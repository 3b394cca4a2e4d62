using System.Globalization;

namespace PerfFleet.Comparison;

/// <summary>
/// A metric of a paired run: one value per repetition, matched by pair. The change is judged on
/// the per-pair log ratios log(test / baseline), which cancel each pair's machine offset and make
/// a relative change symmetric; when any value is zero or negative (an error rate of 0) there is
/// no ratio, and the plain per-pair differences are used instead, so the absolute floor carries
/// the decision and the message says so.
/// </summary>
internal sealed class PairedEvidence : IChangeEvidence
{
    private readonly PairedDifferences _differences;
    private readonly bool _logScale;
    private readonly double _reference;

    public PairedEvidence(IReadOnlyList<(double Baseline, double Test)> pairs, PairedIntervalMethod method)
    {
        _logScale = pairs.All(p => p.Baseline > 0 && p.Test > 0);
        _reference = SampleStatistics.Median([.. pairs.Select(p => p.Baseline)]);
        var differences = pairs.Select(p => _logScale ? Math.Log(p.Test / p.Baseline) : p.Test - p.Baseline).ToList();
        _differences = new PairedDifferences(differences, method);
        IntervalName = method == PairedIntervalMethod.SignedRank ? "signed-rank" : "t";
    }

    public string Method => "paired";

    public double PValue => _differences.PValue;

    public bool EquivalenceByEstimate => false;

    public int Pairs => _differences.Count;

    private string IntervalName { get; }

    public ChangeEstimate At(double confidence)
    {
        var (low, high) = _differences.Interval(confidence);
        return new ChangeEstimate(_reference, Absolute(_differences.Centre), Absolute(low), Absolute(high), confidence);
    }

    public string Describe(ChangeEstimate change)
    {
        var scale = _logScale ? string.Empty : "; values at or below zero, so per-pair differences, not ratios: the absolute floor decides";
        return string.Create(CultureInfo.InvariantCulture, $"{Pairs} pairs, {ChangeText.Interval(change, IntervalName)}{scale}");
    }

    // A log ratio back to the metric's unit, relative to the baseline's median.
    private double Absolute(double difference) =>
        _logScale ? _reference * (Math.Exp(difference) - 1) : difference;
}
