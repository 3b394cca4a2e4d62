using System.Globalization;

namespace PerfFleet.LoadEngine.Search;

/// <summary>
/// Step-then-bisect search for the highest rate that meets an SLO, as a pure state machine without
/// a clock: <see cref="NextRate"/> says what to probe, <see cref="Record"/> takes what that probe
/// measured, and <see cref="Result"/> is ready once <see cref="NextRate"/> is null. It starts at
/// <see cref="CapacitySearchOptions.From"/> and steps up geometrically while the SLO holds; after
/// the first failing step it bisects between the highest passing and the lowest failing rate
/// (<see cref="KneeEstimate"/>) until they are within the tolerance or the probe budget is spent.
/// It assumes a rate that fails would fail higher up too (one knee), as a load test must.
/// </summary>
public sealed class CapacitySearch
{
    // Estimate-guided probes in a row before one geometric midpoint: a poor estimate (a p99 curve far
    // from straight in log-log) can otherwise creep towards one bound, as regula falsi does.
    private const int MaxGuidedInARow = 2;

    // The first failure is confirmed only when the budget still has this many probes after it: the
    // confirmation and the two that bracket the knee.
    private const int ProbesLeftToConfirm = 3;

    private readonly CapacitySearchOptions _options;
    private readonly double _stepFactor;
    private readonly List<CapacityProbe> _probes = [];
    private CapacityProbe? _highestPass;
    private CapacityProbe? _lowestFail;
    private int _guidedInARow;
    private bool _confirming;

    public CapacitySearch(CapacitySearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _stepFactor = options.EffectiveStepFactor;
        NextRate = options.From;
    }

    /// <summary>The rate (requests/s) to probe next; null once the search has ended.</summary>
    public double? NextRate { get; private set; }

    public IReadOnlyList<CapacityProbe> Probes => _probes;

    /// <summary>Drives a whole search with <paramref name="probe"/>, which measures one rate.</summary>
    public static async Task<CapacitySearchResult> RunAsync(CapacitySearchOptions options, Func<double, CancellationToken, Task<CapacityMeasurement>> probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var search = new CapacitySearch(options);
        while (search.NextRate is { } rate)
        {
            search.Record(await probe(rate, cancellationToken).ConfigureAwait(false));
        }

        return search.Result();
    }

    /// <summary>Judges what the probe at <see cref="NextRate"/> measured and chooses the next rate.</summary>
    public CapacityProbe Record(CapacityMeasurement measurement)
    {
        var rate = NextRate ?? throw new InvalidOperationException("the search has ended; read Result()");
        var probe = _options.Slo.Judge(rate, measurement);
        _probes.Add(probe);
        var firstFailure = !probe.Passed && _lowestFail is null && !_confirming;
        _confirming = false;
        if (firstFailure && _options.MaxSteps - _probes.Count >= ProbesLeftToConfirm)
        {
            // One short step that fails is far more often noise (a pause, a neighbour's burst) than one
            // that passes is, and the first failure ends the climb and anchors every later probe: a
            // false one would put the knee far too low. So it is measured again, and the second decides.
            _confirming = true;
            NextRate = rate;
            return probe;
        }

        if (probe.Passed && (_highestPass is null || rate > _highestPass.Rate))
        {
            _highestPass = probe;
        }
        else if (!probe.Passed && (_lowestFail is null || rate < _lowestFail.Rate))
        {
            _lowestFail = probe;
        }

        NextRate = Choose();
        return probe;
    }

    /// <summary>The result so far; final once <see cref="NextRate"/> is null.</summary>
    public CapacitySearchResult Result()
    {
        var probes = _probes.ToArray();
        var fail = _lowestFail?.Rate;
        if (_highestPass is not { } pass)
        {
            return new CapacitySearchResult(null, probes, CapacitySearchOutcome.FromFails)
            {
                LowestFailing = fail,
                Reason = probes.Length == 0 ? "no probe has run yet" : Invariant($"even {_options.From:0.#}/s misses the SLO ({probes[0].Reason}): no rate in the range is sustainable"),
            };
        }

        if (fail is null)
        {
            var atTop = pass.Rate >= _options.To;
            return new CapacitySearchResult(pass.Rate, probes, atTop ? CapacitySearchOutcome.AtLeastTo : CapacitySearchOutcome.StepsRanOut)
            {
                Reason = atTop
                    ? Invariant($"at least {pass.Rate:0.#}/s: the top of the range met the SLO, so the knee is higher")
                    : Invariant($"at least {pass.Rate:0.#}/s: the {_options.MaxSteps} probes ran out before any rate failed"),
            };
        }

        var bracketed = Within(pass.Rate, fail.Value);
        return new CapacitySearchResult(pass.Rate, probes, bracketed ? CapacitySearchOutcome.Bracketed : CapacitySearchOutcome.StepsRanOut)
        {
            LowestFailing = fail,
            Reason = bracketed
                ? Invariant($"{pass.Rate:0.#}/s meets the SLO and {fail:0.#}/s ({(fail.Value / pass.Rate - 1) * 100:0.#}% higher) does not")
                : Invariant($"{pass.Rate:0.#}/s meets the SLO and {fail:0.#}/s does not; the {_options.MaxSteps} probes ran out before the two were within {_options.Tolerance * 100:0.#}%"),
        };
    }

    private double? Choose()
    {
        if (_probes.Count >= _options.MaxSteps || _highestPass is not { } pass)
        {
            return null; // the budget is spent, or the lowest rate already failed
        }

        if (_lowestFail is not { } fail)
        {
            return pass.Rate >= _options.To ? null : Math.Min(pass.Rate * _stepFactor, _options.To);
        }

        if (Within(pass.Rate, fail.Rate))
        {
            return null;
        }

        var estimate = _guidedInARow < MaxGuidedInARow ? KneeEstimate.Of(pass, fail, _options.Slo, _options.Tolerance) : null;
        _guidedInARow = estimate is null ? 0 : _guidedInARow + 1;
        return KneeEstimate.NextRate(pass.Rate, fail.Rate, estimate, _options.Tolerance);
    }

    // The small slack keeps a rate exactly at the tolerance above the knee (the bracketing probe) inside.
    private bool Within(double pass, double fail) => fail <= pass * (1 + _options.Tolerance) * (1 + 1e-9);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
