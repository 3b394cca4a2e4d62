using System.Net;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>PerfFleet:Web:RequireLogin: the admin- and read-only-token logins, their cookie, its expiry, and redirects that stay local.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiLoginTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.LoginAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Page_WithoutSession_RedirectsToLoginWithReturnUrl()
    {
        using var response = await client.GetAsync(new Uri("/runs?kind=test", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fruns%3Fkind%3Dtest", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LiveStatus_WithoutSession_Returns401()
    {
        using var response = await client.GetAsync(new Uri($"/ui/runs/status?ids={fixture.Data.TestId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithWrongToken_Returns401FormAndNoCookie()
    {
        using var response = await PostLoginAsync("not-the-admin-token-at-all", "/runs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("That token is not an admin token of this fleet, nor a read-only one.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAdminToken_SetsHttpOnlyStrictCookieThatOpensThePages()
    {
        using var login = await PostLoginAsync(WebUiFixture.AdminToken, "/workers");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/workers", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WebUiFixture.AdminToken, setCookie, StringComparison.Ordinal);

        using var page = await GetWithCookieAsync("/workers", setCookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Log out", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithReadOnlyToken_OpensThePagesAndSaysTheSessionIsReadOnly()
    {
        using var login = await PostLoginAsync(WebUiFixture.ReadOnlyToken, "/runs");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.DoesNotContain(WebUiFixture.ReadOnlyToken, setCookie, StringComparison.Ordinal);
        using var page = await GetWithCookieAsync($"/runs/{fixture.Data.TestId}", setCookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"session-role\">read-only</span>", body, StringComparison.Ordinal);
        Assert.Contains("Log out", body, StringComparison.Ordinal);
        Assert.DoesNotContain("form_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_TamperedOrExpired_IsRefused()
    {
        using var login = await PostLoginAsync(WebUiFixture.AdminToken, "/runs");
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? "BB" : "AA");

        using var tamperedResponse = await GetWithCookieAsync("/runs", tampered);
        Assert.Equal(HttpStatusCode.Redirect, tamperedResponse.StatusCode);

        fixture.Clock.Advance(TimeSpan.FromHours(13));
        try
        {
            using var expired = await GetWithCookieAsync("/runs", cookie);
            Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        }
        finally
        {
            fixture.Clock.Advance(TimeSpan.FromHours(-13));
        }
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Login_WithForeignReturnUrl_RedirectsToRunsInstead(string returnUrl)
    {
        using var response = await PostLoginAsync(WebUiFixture.AdminToken, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/runs", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_WithoutForm_Returns400Page()
    {
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new StringContent("token=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("with a &#x27;token&#x27; field", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostLoginAsync(string token, string returnUrl) =>
        client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["returnUrl"] = returnUrl,
        }));

    private async Task<HttpResponseMessage> GetWithCookieAsync(string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
