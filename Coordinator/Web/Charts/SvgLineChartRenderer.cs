using System.Globalization;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Charts;

/// <summary>
/// Draws a <see cref="LineChart"/> as inline SVG on the server: no script, no charting library
/// to keep up to date, and the page is complete in a screenshot or with JavaScript off.
/// Names and tooltips are encoded; coordinates are numbers this class computed.
/// </summary>
internal static class SvgLineChartRenderer
{
    private const double Width = 760;
    private const double Height = 320;
    private const double Left = 64;
    private const double Right = 44;
    private const double Top = 24;
    private const double Bottom = 56;
    private const int Ticks = 5;

    /// <summary>Colour-blind-friendly palette (Okabe-Ito); series beyond it reuse colours.</summary>
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

    public static HtmlContent Render(LineChart chart)
    {
        var points = chart.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (points.Count == 0)
        {
            return Markup.Of($"<p class=\"no-data\">No data to plot for {chart.Title}.</p>");
        }

        var (xMin, xMax) = Padded(points.Min(p => p.X), points.Max(p => p.X), 0);
        var (yMin, yMax) = Padded(points.Min(p => p.Y), points.Max(p => p.Y), 0.05);
        var scale = new ChartScale(xMin, xMax, yMin, yMax, PlotLeft: Left, PlotRight: Width - Right, PlotTop: Top, PlotBottom: Height - Bottom);

        var parts = new List<HtmlContent> { Axes(chart, scale), Legend(chart) };
        for (var i = 0; i < chart.Series.Count; i++)
        {
            parts.Add(SeriesMarkup(chart.Series[i], Palette[i % Palette.Length], scale));
        }

        return Markup.Of($"""
            <svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-label="{chart.Title}" xmlns="http://www.w3.org/2000/svg">
            {parts}
            </svg>
            """);
    }

    private static (double Min, double Max) Padded(double min, double max, double fraction)
    {
        if (max - min < 1e-12)
        {
            // One value (or a flat line): give it a visible band around it.
            var pad = Math.Abs(min) > 1e-12 ? Math.Abs(min) * 0.1 : 1;
            return (min - pad, max + pad);
        }

        var margin = (max - min) * fraction;
        return (min - margin, max + margin);
    }

    private static HtmlContent Axes(LineChart chart, ChartScale scale)
    {
        var parts = new List<HtmlContent>
        {
            Line(Left, Top, Left, Height - Bottom, "axis"),
            Line(Left, Height - Bottom, Width - Right, Height - Bottom, "axis"),
        };
        for (var i = 0; i <= Ticks; i++)
        {
            var yValue = scale.YMin + ((scale.YMax - scale.YMin) * i / Ticks);
            var y = scale.Y(yValue);
            parts.Add(Line(Left, y, Width - Right, y, "grid"));
            parts.Add(Markup.Of($"<text class=\"tick\" x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{DisplayText.Number(yValue)}</text>"));

            var xValue = scale.XMin + ((scale.XMax - scale.XMin) * i / Ticks);
            var x = scale.X(xValue);
            parts.Add(Markup.Of($"<text class=\"tick\" x=\"{N(x)}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"middle\">{chart.FormatX(xValue)}</text>"));
        }

        parts.Add(Markup.Of($"<text class=\"axis-label\" x=\"{N(Left)}\" y=\"{N(Top - 10)}\">{chart.YLabel}</text>"));
        return Markup.Join(parts);
    }

    private static HtmlContent Legend(LineChart chart)
    {
        var parts = new List<HtmlContent>();
        var x = Left;
        var y = Height - 18;
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var name = chart.Series[i].Name;
            parts.Add(Markup.Of($"<g class=\"legend-item\"><rect x=\"{N(x)}\" y=\"{N(y - 10)}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{N(x + 16)}\" y=\"{N(y)}\">{name}</text></g>"));
            x += 28 + (Math.Min(name.Length, 40) * 7);
        }

        return Markup.Of($"<g class=\"legend\">{parts}</g>");
    }

    private static HtmlContent SeriesMarkup(ChartSeries series, string color, ChartScale scale)
    {
        var visible = series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();
        var parts = new List<HtmlContent>();
        if (series.DrawLine && visible.Count > 1)
        {
            var coordinates = string.Join(' ', visible.Select(p => $"{N(scale.X(p.X))},{N(scale.Y(p.Y))}"));
            parts.Add(Markup.Of($"<polyline class=\"series-line\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{coordinates}\"/>"));
        }

        // Points also carry the hover text when the series is a line only: an invisible, wider target.
        foreach (var point in visible)
        {
            var (radius, fill, cssClass) = point.Highlighted
                ? (6.0, "#C62828", "point marker-regression")
                : series.DrawPoints ? (4.0, color, "point") : (4.0, "transparent", "point hover-target");
            var stroke = point.Highlighted ? "#7F0000" : series.DrawPoints ? color : "transparent";
            parts.Add(Markup.Of($"<circle class=\"{cssClass}\" cx=\"{N(scale.X(point.X))}\" cy=\"{N(scale.Y(point.Y))}\" r=\"{radius}\" fill=\"{fill}\" stroke=\"{stroke}\"><title>{point.Tooltip}</title></circle>"));
        }

        return Markup.Of($"<g class=\"series\" data-series=\"{series.Name}\">{parts}</g>");
    }

    private static HtmlContent Line(double x1, double y1, double x2, double y2, string cssClass) =>
        Markup.Of($"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
