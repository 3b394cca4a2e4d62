namespace PerfFleet.Coordinator.Web.Charts;

/// <summary>What <see cref="SvgLineChartRenderer"/> draws: <see cref="Title"/> is the accessible name, <see cref="FormatX"/> writes an x tick label (seconds into the window, a time), <see cref="YLabel"/> names the values.</summary>
internal sealed record LineChart(string Title, IReadOnlyList<ChartSeries> Series, Func<double, string> FormatX, string YLabel);
