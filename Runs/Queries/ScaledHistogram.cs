namespace PerfFleet.Runs.Queries;

/// <summary>
/// The <c>*_bucket</c> series a histogram_quantile query reads, and the constant factor the query
/// multiplies its answer by, so that bucket bounds can be put in the units of the measured value.
/// </summary>
public sealed record ScaledHistogram(string BucketSeries, double Scale);
