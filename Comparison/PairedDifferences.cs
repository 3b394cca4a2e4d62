using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using PragmastatSample = Pragmastat.Sample;

namespace PerfFleet.Comparison;

/// <summary>
/// The centre of a few paired differences (log ratios or plain differences), the two-sided p of
/// "centre 0" and the interval at any confidence, by <see cref="PairedIntervalMethod"/>. Needs at
/// least two finite differences.
/// </summary>
internal sealed class PairedDifferences
{
    private readonly double[] _values;
    private readonly PairedIntervalMethod _method;
    private readonly double _mean;
    private readonly double _standardError;
    private readonly double[] _walshAverages = [];
    private readonly double[] _signedRankCumulative = [];

    public PairedDifferences(IReadOnlyList<double> differences, PairedIntervalMethod method)
    {
        _values = [.. differences];
        _method = method;
        _mean = _values.Mean();
        _standardError = _values.StandardDeviation() / Math.Sqrt(_values.Length);
        if (method == PairedIntervalMethod.SignedRank)
        {
            _walshAverages = WalshAverages(_values);
            _signedRankCumulative = SignedRankDistribution.Cumulative(_values.Length);
            Centre = Pragmastat.Toolkit.Center(new PragmastatSample(_values));
            PValue = SignedRankPValue();
        }
        else
        {
            Centre = _mean;
            PValue = StudentPValue();
        }
    }

    public int Count => _values.Length;

    public double Centre { get; }

    public double PValue { get; }

    public (double Low, double High) Interval(double confidence) =>
        _method == PairedIntervalMethod.SignedRank ? SignedRankInterval(confidence) : StudentInterval(confidence);

    private double StudentPValue()
    {
        if (_standardError == 0)
        {
            return _mean == 0 ? 1 : 0; // identical differences: no noise at all, the sign is certain
        }

        var t = Math.Abs(_mean / _standardError);
        return 2 * (1 - StudentT.CDF(0, 1, _values.Length - 1, t));
    }

    private (double, double) StudentInterval(double confidence)
    {
        var half = _standardError == 0 ? 0 : StudentT.InvCDF(0, 1, _values.Length - 1, 1 - ((1 - confidence) / 2)) * _standardError;
        return (_mean - half, _mean + half);
    }

    private double SignedRankPValue()
    {
        // Wilcoxon's W+: ranks of |d| (mid-ranks for ties); zero differences rank lowest and count
        // as half positive, which keeps the statistic symmetric without dropping pairs.
        var n = _values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(_values[i])).ToArray();
        var plus = 0.0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && Math.Abs(_values[order[end + 1]]) == Math.Abs(_values[order[start]]))
            {
                end++;
            }

            var rank = (start + end + 2) / 2.0;
            for (var k = start; k <= end; k++)
            {
                var value = _values[order[k]];
                plus += value > 0 ? rank : value == 0 ? rank / 2 : 0;
            }

            start = end + 1;
        }

        var atMost = Cumulative((int)Math.Floor(plus));
        var atLeast = 1 - Cumulative((int)Math.Ceiling(plus) - 1);
        return Math.Min(1, 2 * Math.Min(atMost, atLeast));
    }

    private (double, double) SignedRankInterval(double confidence)
    {
        // The k-th smallest and largest Walsh averages, k the largest with P(W+ < k) <= (1-c)/2.
        var tail = (1 - confidence) / 2;
        var k = 0;
        while (k < _walshAverages.Length && Cumulative(k) <= tail)
        {
            k++;
        }

        return k == 0
            ? (double.NegativeInfinity, double.PositiveInfinity) // too few pairs for this confidence
            : (_walshAverages[k - 1], _walshAverages[_walshAverages.Length - k]);
    }

    private double Cumulative(int w) => w < 0 ? 0 : w >= _signedRankCumulative.Length ? 1 : _signedRankCumulative[w];

    private static double[] WalshAverages(double[] values)
    {
        var averages = new List<double>(values.Length * (values.Length + 1) / 2);
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = i; j < values.Length; j++)
            {
                averages.Add((values[i] + values[j]) / 2);
            }
        }

        averages.Sort();
        return [.. averages];
    }
}
