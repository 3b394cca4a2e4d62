using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Web.Support;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>
/// A verdict settled over several runs (more pairs, then a confirmation): each run page links the
/// run it continues and the run that settles it, so a status link to an early run leads on.
/// </summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiFollowUpLinksTests(WebUiFixture fixture) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = fixture.Coordinator.WebUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task RunPage_FollowUpChain_LinksBothWays()
    {
        var first = await CoordinatorRuns.ScheduledAsync(fixture);
        var more = await CoordinatorRuns.ScheduledAsync(fixture);
        var confirmation = await CoordinatorRuns.ScheduledAsync(fixture);
        await using (var db = fixture.CoordinatorDatabase.CreateDbContext())
        {
            var stored = await db.LoadTests.FindAsync(more);
            (stored!.FollowUpOf, stored.FollowUp) = (first, TestFollowUp.MorePairs);
            var confirming = await db.LoadTests.FindAsync(confirmation);
            (confirming!.FollowUpOf, confirming.FollowUp) = (more, TestFollowUp.Confirmation);
            await db.SaveChangesAsync();
        }

        var admin = await AdminSession.LogInAsync(client, CoordinatorTestHost.AdminToken);
        var firstPage = await admin.GetAsync($"/runs/{first}");
        var middlePage = await admin.GetAsync($"/runs/{more}");
        var lastPage = await admin.GetAsync($"/runs/{confirmation}");

        Assert.Contains($"settled by a follow-up run: <a href=\"/runs/{more}\">", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("follow-up-of", firstPage, StringComparison.Ordinal);
        Assert.Contains($"More pairs (pooled with the earlier ones) of run <a href=\"/runs/{first}\">", middlePage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/runs/{confirmation}\">", middlePage, StringComparison.Ordinal);
        Assert.Contains($"Confirmation (a fresh, independent run) of run <a href=\"/runs/{more}\">", lastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("followed-by", lastPage, StringComparison.Ordinal);
    }
}
