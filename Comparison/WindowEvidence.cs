using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace PerfFleet.Comparison;

/// <summary>
/// Two runs measured once each, compared on their windows' samples: the difference of the means
/// with a Welch t interval whose sample sizes are the series' effective sizes
/// (<see cref="EffectiveSampleSize"/>), so autocorrelated scrape points are not counted as
/// independent. Two runs cannot show their machines' run-to-run offset, so an assumed spread
/// (<see cref="ComparisonOptions.WindowRunSpreadPercent"/> per run) is added to the variance;
/// <see cref="RunComparer.CompareWithHistory"/> measures it instead when there are baselines enough.
/// </summary>
internal sealed class WindowEvidence : IChangeEvidence
{
    private readonly double _baselineMean;
    private readonly double _difference;
    private readonly double _standardError;
    private readonly double _degreesOfFreedom;
    private readonly double _runSpreadPercent;

    public WindowEvidence(IReadOnlyList<IReadOnlyList<double>> baseline, IReadOnlyList<IReadOnlyList<double>> test, double runSpreadPercent)
    {
        var baselineValues = baseline.SelectMany(s => s).ToArray();
        var testValues = test.SelectMany(s => s).ToArray();
        BaselineEffective = Math.Min(baselineValues.Length, EffectiveSampleSize.Of(baseline));
        TestEffective = Math.Min(testValues.Length, EffectiveSampleSize.Of(test));
        _baselineMean = baselineValues.Mean();
        _difference = testValues.Mean() - _baselineMean;
        // One value (an engine summary) has no spread of its own: the assumed run offset is all there is.
        var baselinePart = baselineValues.Length < 2 ? 0 : baselineValues.Variance() / BaselineEffective;
        var testPart = testValues.Length < 2 ? 0 : testValues.Variance() / TestEffective;
        _runSpreadPercent = runSpreadPercent;
        var runOffset = runSpreadPercent / 100 * Math.Abs(_baselineMean);
        var offsetPart = 2 * runOffset * runOffset; // each run has its own offset
        _standardError = Math.Sqrt(baselinePart + testPart + offsetPart);

        // Welch-Satterthwaite with the effective sizes (the assumed offset is known, so it adds no
        // uncertainty of its own); at least 1 so a quantile exists.
        var denominator = (baselinePart * baselinePart / Math.Max(1, BaselineEffective - 1)) + (testPart * testPart / Math.Max(1, TestEffective - 1));
        _degreesOfFreedom = denominator == 0 ? 1_000 : Math.Clamp(Math.Pow(baselinePart + testPart + offsetPart, 2) / denominator, 1, 1_000);
        PValue = _standardError == 0
            ? (_difference == 0 ? 1 : 0)
            : 2 * (1 - StudentT.CDF(0, 1, _degreesOfFreedom, Math.Abs(_difference / _standardError)));
    }

    public string Method => "window";

    public double PValue { get; }

    public bool EquivalenceByEstimate => false;

    public double BaselineEffective { get; }

    public double TestEffective { get; }

    public ChangeEstimate At(double confidence)
    {
        var half = _standardError == 0 ? 0 : StudentT.InvCDF(0, 1, _degreesOfFreedom, 1 - ((1 - confidence) / 2)) * _standardError;
        return new ChangeEstimate(_baselineMean, _difference, _difference - half, _difference + half, confidence);
    }

    public string Describe(ChangeEstimate change) =>
        string.Create(CultureInfo.InvariantCulture, $"one run each, window means {ChangeText.Interval(change, "t")}, effective samples {TestEffective:0.#} test / {BaselineEffective:0.#} baseline, assumed run-to-run spread {_runSpreadPercent:0.##} %");
}
