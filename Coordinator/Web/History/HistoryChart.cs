using PerfFleet.Coordinator.Web.Charts;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>One query's chart and the steps found among its baselines (listed under the chart).</summary>
internal sealed record HistoryChart(LineChart Chart, IReadOnlyList<HistoryStep> Steps);
