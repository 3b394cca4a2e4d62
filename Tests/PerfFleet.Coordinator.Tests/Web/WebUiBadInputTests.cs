using System.Net;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>Hostile and wrong URLs get a readable 400/404 page that names the problem, never a stack trace.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiBadInputTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = fixture.ReadOnlyAddress, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => client.Dispose();

    [Theory]
    [InlineData("/runs/not-a-guid", "is not a run id")]
    [InlineData("/runs/12345678-1234-1234-1234-12345678901Z", "is not a run id")]
    [InlineData("/runs?status=exploded", "'status' = 'exploded' is not one of: scheduled, assigned")]
    [InlineData("/runs?kind=nightly", "'kind' = 'nightly' is not one of: baseline, test, adhoc")]
    [InlineData("/runs?page=-1", "'page' = '-1' must be a whole number from 1 to 100000")]
    [InlineData("/runs?page=0", "'page' = '0' must be a whole number from 1 to 100000")]
    [InlineData("/runs?page=99999999999999", "must be a whole number from 1 to 100000")]
    [InlineData("/runs?page=abc", "'page' = 'abc' must be a whole number")]
    [InlineData("/runs?commit=xyz", "a commit is 4 to 40 hexadecimal digits")]
    [InlineData("/runs?repository=no-slash", "a GitHub repository looks like owner/name")]
    [InlineData("/runs?status=completed&status=failed", "'status' is given 2 times")]
    [InlineData("/runs?scenario=a%00b", "contains control characters, which are not allowed")]
    [InlineData("/history?scenario=api", "'scenario' and 'query' need 'repo' too")]
    [InlineData("/history?repo=acme/shop&query=%3Cb%3E", "letters, digits")]
    public async Task Get_WithMalformedInput_Returns400PageNamingTheProblem(string url, string expected)
    {
        var (status, body) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<h1>Bad request</h1>", body, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected).Replace("&#39;", "&#x27;", StringComparison.Ordinal), body, StringComparison.Ordinal);
        AssertNoStackTrace(body);
    }

    [Theory]
    [InlineData("/runs/0b000000-0000-4000-8000-0000000000ff", "There is no run with id 0b000000-0000-4000-8000-0000000000ff.")]
    [InlineData("/no/such/page", "There is no page at /no/such/page.")]
    [InlineData("/history?repo=nobody/nothing", "There are no runs of repository &#x27;nobody/nothing&#x27;.")]
    [InlineData("/history?repo=acme/shop&scenario=missing", "has no runs of scenario &#x27;missing&#x27;")]
    [InlineData("/history?repo=acme/shop&scenario=api&query=nope", "has a query named &#x27;nope&#x27;")]
    public async Task Get_UnknownThing_Returns404PageNamingIt(string url, string expected)
    {
        var (status, body) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>Not found</h1>", body, StringComparison.Ordinal);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task Get_WithScriptInFilter_EchoesItEncodedOnly()
    {
        var (status, body) = await GetAsync("/runs?status=" + Uri.EscapeDataString("<script>alert(1)</script>"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAbsurdlyLongValues_Returns400WithoutEchoingThemWhole()
    {
        var huge = new string('a', 5000);
        var (status, body) = await GetAsync($"/runs?repository=a/{huge}");
        var (idStatus, idBody) = await GetAsync("/runs/" + huge);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 200 are allowed", body, StringComparison.Ordinal);
        Assert.DoesNotContain(huge[..500], body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, idStatus);
        Assert.DoesNotContain(huge[..500], idBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/runs/status", HttpStatusCode.BadRequest)]
    [InlineData("/ui/runs/status?ids=nope", HttpStatusCode.BadRequest)]
    public async Task LiveStatus_WithBadIds_Returns400ProblemDetails(string url, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LiveStatus_ForKnownIds_ReturnsTheirStatusAndVerdict()
    {
        var body = await client.GetStringAsync(new Uri($"/ui/runs/status?ids={fixture.Data.TestId},{fixture.Data.RunningId}", UriKind.Relative));

        Assert.Contains($"{{\"id\":\"{fixture.Data.TestId}\",\"status\":\"completed\",\"verdict\":\"regression\"}}", body, StringComparison.Ordinal);
        Assert.Contains($"\"id\":\"{fixture.Data.RunningId}\",\"status\":\"running\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsPage_PastTheLastPage_ShowsEmptyPageWithWayBack()
    {
        var (status, body) = await GetAsync("/runs?page=50");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No runs match these filters.", body, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\" href=\"/runs?page=49\"", body, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
