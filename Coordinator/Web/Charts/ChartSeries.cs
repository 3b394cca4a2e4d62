namespace PerfFleet.Coordinator.Web.Charts;

/// <summary>A named series of points, drawn as a line, as dots, or both.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, bool DrawLine = true, bool DrawPoints = false);
