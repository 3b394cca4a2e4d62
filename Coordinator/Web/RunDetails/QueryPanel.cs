using PerfFleet.Coordinator.Web.Charts;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// One PromQL query of the run: its text, its chart beside the baseline, or the error it gave, and
/// whether its histogram's buckets are too coarse to show a change of its threshold.
/// </summary>
internal sealed record QueryPanel(string Name, string PromQl, string? Error, LineChart Chart, string? BucketWarning = null);
