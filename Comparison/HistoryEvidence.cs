using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace PerfFleet.Comparison;

/// <summary>
/// An unpaired run against the last K baselines, each summarised to one value: where the next
/// value of that history should fall (a Student-t prediction interval on the log values, as run
/// levels vary by a machine factor), and how far outside it the test run's value lies. The run to
/// run spread is measured rather than assumed, which is what a single baseline cannot give.
/// </summary>
internal sealed class HistoryEvidence : IChangeEvidence
{
    private readonly bool _logScale;
    private readonly double _centre;
    private readonly double _distance;
    private readonly double _predictionError;
    private readonly int _runs;

    public HistoryEvidence(IReadOnlyList<double> baselines, double test)
    {
        _runs = baselines.Count;
        _logScale = test > 0 && baselines.All(v => v > 0);
        var history = baselines.Select(Scale).ToArray();
        _centre = history.Mean();
        _distance = Scale(test) - _centre;
        _predictionError = history.StandardDeviation() * Math.Sqrt(1 + (1.0 / _runs));
        PValue = _predictionError == 0
            ? (_distance == 0 ? 1 : 0)
            : 2 * (1 - StudentT.CDF(0, 1, _runs - 1, Math.Abs(_distance / _predictionError)));
    }

    public string Method => "history";

    public double PValue { get; }

    public bool EquivalenceByEstimate => true;

    public int Runs => _runs;

    public ChangeEstimate At(double confidence)
    {
        var half = _predictionError == 0 ? 0 : StudentT.InvCDF(0, 1, _runs - 1, 1 - ((1 - confidence) / 2)) * _predictionError;
        var reference = _logScale ? Math.Exp(_centre) : _centre;
        return new ChangeEstimate(reference, Absolute(reference, _distance), Absolute(reference, _distance - half), Absolute(reference, _distance + half), confidence);
    }

    public string Describe(ChangeEstimate change) =>
        string.Create(CultureInfo.InvariantCulture, $"against the last {_runs} baselines, {ChangeText.Interval(change, "prediction")}");

    private double Scale(double value) => _logScale ? Math.Log(value) : value;

    private double Absolute(double reference, double difference) =>
        _logScale ? reference * (Math.Exp(difference) - 1) : difference;
}
