using System.Net;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.History;
using PerfFleet.Coordinator.Tests.Web.Support;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// The history page's pin buttons (POST /history/baselines/{id}/pin and /unpin) on a whole
/// coordinator: an administrator's form pins and unpins; refusals change nothing, checked in the database.
/// </summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiHistoryPinTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.Coordinator.WebUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task PinThenUnpin_AdministratorsForm_PinsShowsItAndUnpins()
    {
        var repository = BaselineRows.NewRepository();
        var (older, _) = await TwoBaselinesAsync(repository);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var token = await admin.FormTokenAsync(older.Id);

        var (status, _, location) = await AdminSession.PostAsync(client, $"/history/baselines/{older.Id}/pin", admin.Cookie, token);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/history?repo={Uri.EscapeDataString(repository)}&scenario={BaselineRows.Scenario}", location?.OriginalString);
        Assert.True(await PinnedAsync(older.Id));
        var page = await admin.GetAsync(location!.OriginalString);
        Assert.Contains("Pinned baseline:", page, StringComparison.Ordinal);
        Assert.Contains($"action=\"/history/baselines/{older.Id}/unpin\"", page, StringComparison.Ordinal);

        (status, _, _) = await AdminSession.PostAsync(client, $"/history/baselines/{older.Id}/unpin", admin.Cookie, token);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.False(await PinnedAsync(older.Id));
    }

    [Fact]
    public async Task Pin_TestRun_Returns409SayingWhyAndChangesNothing()
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        var test = await BaselineRows.AddAsync(db, BaselineRows.NewRepository(), 0, 20, LoadTestKind.Test);
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/history/baselines/{test.Id}/pin", admin.Cookie, await admin.FormTokenAsync(test.Id));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("not a baseline", body, StringComparison.Ordinal);
        Assert.False(await PinnedAsync(test.Id));
    }

    [Fact]
    public async Task Pin_WithoutSession_Returns401AndChangesNothing()
    {
        var (older, _) = await TwoBaselinesAsync(BaselineRows.NewRepository());

        var (status, _, _) = await AdminSession.PostAsync(client, $"/history/baselines/{older.Id}/pin", cookie: null, formToken: "anything");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.False(await PinnedAsync(older.Id));
    }

    [Fact]
    public async Task Pin_ForeignFormToken_Returns403AndChangesNothing()
    {
        var (older, _) = await TwoBaselinesAsync(BaselineRows.NewRepository());
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, _, _) = await AdminSession.PostAsync(client, $"/history/baselines/{older.Id}/pin", admin.Cookie, "not-this-sessions-token");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(await PinnedAsync(older.Id));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("%3Cscript%3E")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task Pin_MalformedId_Returns400(string id)
    {
        var (older, _) = await TwoBaselinesAsync(BaselineRows.NewRepository());
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, body, _) = await AdminSession.PostAsync(client, $"/history/baselines/{id}/pin", admin.Cookie, await admin.FormTokenAsync(older.Id));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not a run id", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_UnknownId_Returns404()
    {
        var (older, _) = await TwoBaselinesAsync(BaselineRows.NewRepository());
        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);

        var (status, _, _) = await AdminSession.PostAsync(client, $"/history/baselines/{Guid.NewGuid()}/pin", admin.Cookie, await admin.FormTokenAsync(older.Id));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private async Task<(LoadTestEntity Older, LoadTestEntity Newest)> TwoBaselinesAsync(string repository)
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        return (await BaselineRows.AddAsync(db, repository, 0, 20), await BaselineRows.AddAsync(db, repository, 1, 20));
    }

    private async Task<bool> PinnedAsync(Guid id)
    {
        await using var db = fixture.CoordinatorDatabase.CreateDbContext();
        return await db.LoadTests.AsNoTracking().Where(t => t.Id == id).Select(t => t.PinnedBaseline).SingleAsync();
    }
}
