namespace PerfFleet.LoadEngine.Histograms;

/// <summary>The percentiles every summary shows, in milliseconds.</summary>
public sealed record LatencyPercentilesMs(double P50, double P90, double P99, double P999, double Max, double Mean);
