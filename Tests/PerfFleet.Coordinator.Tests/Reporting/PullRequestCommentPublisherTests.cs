using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class PullRequestCommentPublisherTests : IAsyncLifetime
{
    private RecordingGitHubServer _gitHub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await RecordingGitHubServer.StartAsync();
        _services = ReportingTestServices.Create(_gitHub);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_ReRun_EditsTheSameCommentInsteadOfAddingOne()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();
        var otherBot = _gitHub.AddComment(7, "LGTM");

        var first = await publisher.PublishAsync(new PullRequestCommentReport("octo/app", 7, "api", null, ComparisonMarkdown.Marker("api") + "\nfirst run"), CancellationToken.None);
        var second = await publisher.PublishAsync(new PullRequestCommentReport("octo/app", 7, "api", null, ComparisonMarkdown.Marker("api") + "\nsecond run"), CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        var comments = _gitHub.CommentsOn(7);
        Assert.Equal(2, comments.Count);
        Assert.Equal("LGTM", comments.Single(c => c.Id == otherBot).Body);
        Assert.EndsWith("second run", comments.Single(c => c.Id == first.Id).Body, StringComparison.Ordinal);
        Assert.Contains(_gitHub.Requests, r => r.Method == "PATCH" && r.PathAndQuery == $"/repos/octo/app/issues/comments/{first.Id}");
    }

    [Fact]
    public async Task PublishAsync_OtherScenario_GetsItsOwnComment()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();

        await publisher.PublishAsync(new PullRequestCommentReport("octo/app", 7, "api", null, "api table"), CancellationToken.None);
        await publisher.PublishAsync(new PullRequestCommentReport("octo/app", 7, "checkout", null, "checkout table"), CancellationToken.None);

        var comments = _gitHub.CommentsOn(7);
        Assert.Equal(2, comments.Count);
        Assert.StartsWith("<!-- perffleet:api -->", comments[0].Body, StringComparison.Ordinal);
        Assert.StartsWith("<!-- perffleet:checkout -->", comments[1].Body, StringComparison.Ordinal);
    }
}
