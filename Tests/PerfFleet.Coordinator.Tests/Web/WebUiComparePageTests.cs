using System.Net;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// GET /compare on a whole coordinator: two runs reported through Fleet.ReportResults, judged by
/// the admin API's Compare; every bad or hostile parameter gets a page that names it.
/// </summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiComparePageTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.Coordinator.WebUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Compare_SlowerRunAgainstFasterOne_ShowsBothRunsAndTheRegression()
    {
        var repository = Specs.NewRepository();
        var faster = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [], level: 50);
        var slower = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, [], level: 80);

        var (status, body) = await GetAsync($"/compare?run={slower}&against={faster}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p class=\"headline\" data-verdict=\"regression\">", body, StringComparison.Ordinal);
        Assert.Contains($"<tr data-role=\"judged\" data-run-id=\"{slower}\">", body, StringComparison.Ordinal);
        Assert.Contains($"<tr data-role=\"against\" data-run-id=\"{faster}\">", body, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"verdict-row-regression\" data-metric=\"p99_latency_ms\"", body, StringComparison.Ordinal);
        Assert.Contains($"Compared with run <a href=\"/runs/{faster}\">", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/compare?run={faster}&amp;against={slower}\"", body, StringComparison.Ordinal); // swap
    }

    [Fact]
    public async Task RunPage_OfRunWithResults_OffersTheCompareForm()
    {
        var id = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);

        var (_, body) = await GetAsync($"/runs/{id}");

        Assert.Contains("<form method=\"get\" action=\"/compare\" class=\"compare-with\">", body, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"run\" value=\"{id}\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPage_OfScheduledRun_HasNoCompareForm()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);

        var (_, body) = await GetAsync($"/runs/{id}");

        Assert.DoesNotContain("compare-with", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_RunWithoutResults_Returns409SayingItsState()
    {
        var done = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);
        var scheduled = await CoordinatorRuns.ScheduledAsync(fixture);

        var (status, body) = await GetAsync($"/compare?run={done}&against={scheduled}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains($"Test {scheduled} has no results to compare (it is scheduled).", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_UnknownRun_Returns404NamingIt()
    {
        var done = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);
        var unknown = Guid.NewGuid();

        var (status, body) = await GetAsync($"/compare?run={unknown}&against={done}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains($"No test with id {unknown}.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compare", "&#x27;run&#x27; is missing", "&#x27;against&#x27; is missing")]
    [InlineData("/compare?run=abc&against=", "run: &#x27;abc&#x27; is not a run id", "&#x27;against&#x27; is missing")]
    [InlineData("/compare?run=%3Cscript%3Ealert(1)%3C%2Fscript%3E&against=x", "run: &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; is not a run id", "against: &#x27;x&#x27; is not a run id")]
    public async Task Compare_MissingOrMalformedIds_Returns400NamingEachParameter(string path, string first, string second)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(first, body, StringComparison.Ordinal);
        Assert.Contains(second, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
