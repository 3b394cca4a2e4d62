using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// Puts a query's series of the test and of the baseline on one chart. The two runs happened at
/// different times, so x is "seconds into the run's window" for each: the shapes line up.
/// </summary>
internal static class QueryChartBuilder
{
    /// <summary>Prometheus can return many series for one query; beyond this the chart is unreadable.</summary>
    private const int MaxSeriesPerRun = 4;

    public static QueryPanel Build(QueryResult test, QueryResult? baseline, string testLabel, string? baselineLabel)
    {
        var series = new List<ChartSeries>();
        series.AddRange(SeriesOf(test, testLabel));
        if (baseline is not null && baselineLabel is not null)
        {
            series.AddRange(SeriesOf(baseline, baselineLabel));
        }

        var chart = new LineChart(test.Name, series, x => DisplayText.Duration(TimeSpan.FromSeconds(x)), test.Name);
        return new QueryPanel(test.Name, test.Promql, string.IsNullOrEmpty(test.Error) ? null : test.Error, chart, test.CoarseBucketWarning());
    }

    private static IEnumerable<ChartSeries> SeriesOf(QueryResult result, string runLabel)
    {
        var start = result.Series.SelectMany(s => s.Samples).Select(s => s.Time.ToDateTimeOffset()).DefaultIfEmpty().Min();
        var many = result.Series.Count > 1;
        return result.Series.Take(MaxSeriesPerRun).Select(series =>
        {
            var name = many ? $"{runLabel} {LabelsText(series)}" : runLabel;
            var points = series.Samples.Select(sample =>
            {
                var seconds = (sample.Time.ToDateTimeOffset() - start).TotalSeconds;
                return new ChartPoint(seconds, sample.Value, $"{name}: {DisplayText.Number(sample.Value)} at +{DisplayText.Duration(TimeSpan.FromSeconds(seconds))}");
            }).ToList();
            return new ChartSeries(name, points);
        });
    }

    private static string LabelsText(Series series) =>
        "{" + string.Join(", ", series.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
