using PerfFleet.Coordinator.Web.Charts;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>One PromQL query of the run: its text, its chart beside the baseline, or the error it gave.</summary>
internal sealed record QueryPanel(string Name, string PromQl, string? Error, LineChart Chart);
