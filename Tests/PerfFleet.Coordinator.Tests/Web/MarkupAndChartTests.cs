using PerfFleet.Coordinator.Web.Charts;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>The two pieces every page relies on: holes are encoded, and charts draw what they are given.</summary>
public sealed class MarkupAndChartTests
{
    [Fact]
    public void Of_WithHostileHole_EncodesItButKeepsNestedMarkup()
    {
        var user = "\"><script>alert(1)</script>";
        var inner = Markup.Of($"<b>{user}</b>");
        var list = new List<HtmlContent> { Markup.Of($"<i>1</i>"), Markup.Of($"<i>2</i>") };

        var html = Markup.Of($"<p title=\"{user}\">{inner}{list}</p>").Value;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.StartsWith("<p title=\"&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<b>&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.EndsWith("<i>1</i><i>2</i></p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoSeries_DrawsAPolylinePerSeriesWithEncodedLegendAndTooltips()
    {
        var chart = new LineChart("latency <ms>", [
            new ChartSeries("test <run>", [new ChartPoint(0, 10, "a&b"), new ChartPoint(1, 20, "c"), new ChartPoint(2, 15, "d")]),
            new ChartSeries("baseline", [new ChartPoint(0, 5, "e"), new ChartPoint(2, 6, "f", Highlighted: true)]),
        ], x => $"{x} s", "ms");

        var svg = SvgLineChartRenderer.Render(chart).Value;

        Assert.Equal(2, CountOf(svg, "<polyline"));
        Assert.Equal(5, CountOf(svg, "<circle"));
        Assert.Equal(1, CountOf(svg, "marker-regression"));
        Assert.Contains("aria-label=\"latency &lt;ms&gt;\"", svg, StringComparison.Ordinal);
        Assert.Contains(">test &lt;run&gt;</text>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>a&amp;b</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HigherValue_IsDrawnHigherOnThePage()
    {
        var chart = new LineChart("c", [new ChartSeries("s", [new ChartPoint(0, 1, "low"), new ChartPoint(1, 100, "high")])], x => "", "");

        var svg = SvgLineChartRenderer.Render(chart).Value;

        // SVG y grows downwards: the higher value must have the smaller cy.
        Assert.True(CyOf(svg, "high") < CyOf(svg, "low"));
    }

    [Fact]
    public void Render_NoPointsOrOnlyNaN_SaysThereIsNoData()
    {
        var chart = new LineChart("empty", [new ChartSeries("s", [new ChartPoint(0, double.NaN, "x")])], x => "", "");

        Assert.Contains("No data to plot for empty.", SvgLineChartRenderer.Render(chart).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SinglePoint_DoesNotDivideByZero()
    {
        var chart = new LineChart("one", [new ChartSeries("s", [new ChartPoint(5, 5, "only")], DrawPoints: true)], x => "", "");

        var svg = SvgLineChartRenderer.Render(chart).Value;

        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(42, "42 s ago")]
    [InlineData(303, "5 min 3 s ago")]
    [InlineData(3 * 3600 + 720, "3 h 12 min ago")]
    [InlineData(-30, "just now")]
    public void Ago_RelativeToNow_ReadsNaturally(int secondsAgo, string expected)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, DisplayText.Ago(now.AddSeconds(-secondsAgo), now));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static double CyOf(string svg, string tooltip)
    {
        var end = svg.IndexOf($"<title>{tooltip}</title>", StringComparison.Ordinal);
        var start = svg.LastIndexOf("cy=\"", end, StringComparison.Ordinal) + 4;
        return double.Parse(svg[start..svg.IndexOf('"', start)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
