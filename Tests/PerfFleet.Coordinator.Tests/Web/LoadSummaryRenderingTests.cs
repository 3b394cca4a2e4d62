using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Web.RunDetails;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>The run page's load summary shows the generator's own lateness, and warns when the generator fell behind.</summary>
public sealed class LoadSummaryRenderingTests
{
    [Fact]
    public void Render_GeneratorBehind_WarnsWithItsLatenessAndLimit()
    {
        var html = LoadSummaryRenderer.Render(Summary(behind: true, p99Ms: 3.5)).Value;

        Assert.Contains("class=\"warning generator-behind\"", html, StringComparison.Ordinal);
        Assert.Contains("lateness p99 was 3.5 ms, over its 1 ms limit", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GeneratorOnTime_ShowsItsLatenessWithoutAWarning()
    {
        var html = LoadSummaryRenderer.Render(Summary(behind: false, p99Ms: 0.04)).Value;

        Assert.DoesNotContain("generator-behind", html, StringComparison.Ordinal);
        Assert.Contains("Generator lateness p99", html, StringComparison.Ordinal);
        Assert.Contains("0.04 ms", html, StringComparison.Ordinal);
    }

    private static LoadSummary Summary(bool behind, double p99Ms) => new()
    {
        RequestedRate = 5000,
        GeneratorBehind = behind,
        GeneratorLatenessLimitMs = 1,
        Total = new LoadStats { Requests = 10, AchievedRate = 5000, GeneratorLateness = new Histogram { TotalCount = 10, Percentiles = new LatencyPercentiles { P99Ms = p99Ms } } },
    };
}
