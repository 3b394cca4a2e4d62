using PerfFleet.Comparison;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// The ids of the run page's sections and charts, so the comparison at the top can link each
/// metric to the chart it came from: a query to its chart, the engine's metrics to the load
/// summary, a container's CPU or memory to the resource charts.
/// </summary>
internal static class ChartAnchors
{
    public const string Comparison = "comparison";
    public const string Load = "load";
    public const string Queries = "queries";
    public const string Resources = "resources";
    public const string Inputs = "inputs";
    public const string Timeline = "timeline";

    /// <summary>The id of one query's chart section (a name may hold any character but a space).</summary>
    public static string Query(string name) => "query-" + name.Replace(' ', '_');

    /// <summary>Where <paramref name="metric"/> is charted on the run page.</summary>
    public static string For(MetricComparison metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Source switch
        {
            MetricSpec.QuerySource => Query(metric.Metric),
            MetricSpec.ResourceSource => Resources,
            _ => Load,
        };
    }
}
