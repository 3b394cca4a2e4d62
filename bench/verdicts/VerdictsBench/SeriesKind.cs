namespace PerfFleet.Bench.Verdicts;

/// <summary>How the scrape points inside one measured window depend on each other.</summary>
internal enum SeriesKind
{
    Independent,
    Ar080,
    Ar095,

    /// <summary>A rate(...[10s]) at a 1 s step: a moving mean of 10 independent seconds (lag-1 0.9).</summary>
    PromQl,
}
