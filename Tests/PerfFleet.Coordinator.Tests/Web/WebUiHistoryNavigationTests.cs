using System.Net;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>/history narrows from repositories to a scenario's charts, including runs without a scenario name.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiHistoryNavigationTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = fixture.ReadOnlyAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task History_WithoutRepository_ListsRepositoriesWithRuns()
    {
        var body = await client.GetStringAsync(new Uri("/history", UriKind.Relative));

        Assert.Contains("<a href=\"/history?repo=acme%2Fshop\">acme/shop</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/history?repo=other%2Fthing\">other/thing</a>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_RepositoryWithOneScenario_ShowsItsChartsAtOnce()
    {
        var body = await client.GetStringAsync(new Uri("/history?repo=acme/shop", UriKind.Relative));

        Assert.Contains("<h1>History of acme/shop · api</h1>", body, StringComparison.Ordinal);
        Assert.Contains("data-query=\"p99_latency_ms\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OneQuery_ShowsOnlyThatChart()
    {
        var body = await client.GetStringAsync(new Uri("/history?repo=acme/shop&scenario=api&query=throughput_rps", UriKind.Relative));

        Assert.Contains("class=\"history-chart\" data-query=\"throughput_rps\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"history-chart\" data-query=\"p99_latency_ms\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_DefaultScenarioWithoutCompletedRuns_SaysSo()
    {
        using var response = await client.GetAsync(new Uri("/history?repo=other/thing&scenario=(default)", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No completed runs with query results yet.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
