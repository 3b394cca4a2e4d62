namespace PerfFleet.Coordinator.Web.Charts;

/// <summary>One plotted value; <see cref="Tooltip"/> becomes the SVG &lt;title&gt; shown on hover; a highlighted point is drawn as a larger red marker (a regression in the history chart).</summary>
internal sealed record ChartPoint(double X, double Y, string Tooltip, bool Highlighted = false);
