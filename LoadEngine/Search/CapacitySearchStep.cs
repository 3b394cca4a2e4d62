using PerfFleet.LoadEngine.Reporting;

namespace PerfFleet.LoadEngine.Search;

/// <summary>One probe as judged, with the run behind it (for its full statistics, and a run page's latency-vs-rate curve).</summary>
public sealed record CapacitySearchStep(CapacityProbe Probe, LoadRunResult Run);
