using System.Net;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Coordinator.Tests.Web.Support;
using PerfFleet.Coordinator.Web.Auth;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// The admin forms (POST /runs/{id}/stop and /rerun) on a whole coordinator: only a logged-in
/// administrator's form, from this site, with this session's token, acts; every refusal names
/// the problem and changes nothing, checked in the database.
/// </summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiAdminFormTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.Coordinator.WebUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Stop_WithSessionAndFormToken_StopsTheScheduledTestAndRedirectsToItsPage()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, _, location) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", admin.Cookie, await admin.FormTokenAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/runs/{id}", location?.OriginalString);
        Assert.Equal(LoadTestStatus.Stopped, await CoordinatorRuns.StatusAsync(fixture, id));
        Assert.Contains("stopped from the web UI", await admin.GetAsync($"/runs/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WithoutSession_Returns401PageAndTestStaysScheduled()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", cookie: null, formToken: "anything");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("needs an administrator: log in with an admin token", body, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Theory]
    [InlineData("perffleet_session=99999999999.forged-signature")]
    [InlineData("perffleet_session=1.AAAA")]
    [InlineData("perffleet_session=<script>")]
    public async Task Stop_WithForgedOrExpiredSessionCookie_Returns401AndChangesNothing(string cookie)
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);

        var (status, _, _) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", cookie, formToken: "x");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-token")]
    public async Task Stop_WithMissingOrWrongFormToken_Returns403AndChangesNothing(string? formToken)
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", admin.Cookie, formToken);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("The form&#x27;s token is missing or belongs to another session", body, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("rerun")]
    public async Task Post_WithReadOnlySession_Returns403EvenWithItsOwnFormTokenAndChangesNothing(string action)
    {
        var scheduled = await CoordinatorRuns.ScheduledAsync(fixture);
        var completed = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);
        var id = action == "stop" ? scheduled : completed;
        var reader = await AdminSession.LogInAsync(client, CoordinatorTestHost.ReadOnlyToken);
        var page = await reader.GetAsync($"/runs/{id}");
        // The page offers no button; a form token made for this session the way the page would make it is refused all the same.
        var formToken = SessionFormTokens.For(reader.Cookie[(reader.Cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/{action}", reader.Cookie, formToken);

        Assert.Contains("You are logged in with a read-only token", page, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionFormTokens.FieldName, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("This session was opened with a read-only token: stopping or re-running a test needs an admin token.", body, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, scheduled));
        Assert.Empty(await CoordinatorRuns.RerunsOfAsync(fixture, completed));
    }

    [Fact]
    public async Task Stop_WithFormTokenOfAnotherSession_Returns403AndChangesNothing()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var victim = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var other = await AdminSession.LogInAsync(client, WebUiFixture.SecondAdminToken);
        var foreignToken = await other.FormTokenAsync(id);

        var (status, _, _) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", victim.Cookie, foreignToken);

        Assert.NotEqual(await victim.FormTokenAsync(id), foreignToken);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Stop_FromAnotherOrigin_Returns403EvenWithValidToken(string header, string value)
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(
            client, $"/runs/{id}/stop", admin.Cookie, await admin.FormTokenAsync(id), new Dictionary<string, string> { [header] = value });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("sent from another site", body, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Fact]
    public async Task Stop_OfCompletedRun_Returns409NamingItsStateAndChangesNothing()
    {
        var id = await CoordinatorRuns.CompletedAsync(fixture, Specs.NewRepository(), TestKind.Test, []);
        var events = await CoordinatorRuns.StateEventCountAsync(fixture, id);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/stop", admin.Cookie, await admin.FormTokenAsync(id));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains($"Run {id} is already completed: only a scheduled or running run can be stopped. Nothing was changed.", body, StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Completed, await CoordinatorRuns.StatusAsync(fixture, id));
        Assert.Equal(events, await CoordinatorRuns.StateEventCountAsync(fixture, id));
    }

    [Fact]
    public async Task Rerun_OfScheduledRun_Returns409AndSchedulesNothing()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/rerun", admin.Cookie, await admin.FormTokenAsync(id));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("is still scheduled: only a finished run can be re-run", body, StringComparison.Ordinal);
        Assert.Empty(await CoordinatorRuns.RerunsOfAsync(fixture, id));
    }

    [Fact]
    public async Task Rerun_WhenRepositoryIsAtItsQuota_Returns429WithTheLimitAndSchedulesNothing()
    {
        var repository = Specs.NewRepository();
        var id = await CoordinatorRuns.CompletedAsync(fixture, repository, TestKind.Test, []);
        for (var i = 0; i < 3; i++)
        {
            await CoordinatorRuns.ScheduledAsync(fixture, repository);
        }

        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/rerun", admin.Cookie, await admin.FormTokenAsync(id));

        Assert.Equal((HttpStatusCode)429, status);
        Assert.Contains("already has 3 tests queued or running; the limit is 3", body, StringComparison.Ordinal);
        Assert.Empty(await CoordinatorRuns.RerunsOfAsync(fixture, id));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("rerun")]
    public async Task Post_ForUnknownRun_Returns404NamingTheId(string action)
    {
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var known = await CoordinatorRuns.ScheduledAsync(fixture);
        var unknown = Guid.NewGuid();

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{unknown}/{action}", admin.Cookie, await admin.FormTokenAsync(known));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains($"There is no run with id {unknown}. Nothing was changed.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop", "not-a-guid", "&#x27;not-a-guid&#x27; is not a run id")]
    [InlineData("rerun", "%3Cscript%3Ealert(1)", "&#x27;&lt;script&gt;alert(1)&#x27; is not a run id")]
    public async Task Post_WithMalformedId_Returns400WithTheValueEncoded(string action, string id, string expected)
    {
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var known = await CoordinatorRuns.ScheduledAsync(fixture);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/runs/{id}/{action}", admin.Cookie, await admin.FormTokenAsync(known));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithOversizedForm_Returns413AndChangesNothing()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/runs/{id}/stop", UriKind.Relative));
        request.Headers.Add("Cookie", admin.Cookie);
        request.Content = new FormUrlEncodedContent([new("form_token", await admin.FormTokenAsync(id)), new("padding", new string('x', 10_000))]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }

    [Fact]
    public async Task Post_AsJson_Returns400AskingForTheForm()
    {
        var id = await CoordinatorRuns.ScheduledAsync(fixture);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/runs/{id}/stop", UriKind.Relative));
        request.Headers.Add("Cookie", admin.Cookie);
        request.Content = new StringContent($"{{\"form_token\":\"{await admin.FormTokenAsync(id)}\"}}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LoadTestStatus.Scheduled, await CoordinatorRuns.StatusAsync(fixture, id));
    }
}
