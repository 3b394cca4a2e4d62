using Microsoft.Extensions.DependencyInjection;
using PerfFleet.Contracts.V1;
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
    public async Task PublishAsync_OurCommentOnTheSecondPage_FoundAndEditedInPlace()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();
        for (var i = 0; i < 120; i++)
        {
            _gitHub.AddComment(7, "comment " + i);
        }

        var ours = _gitHub.AddComment(7, ComparisonMarkdown.Marker("api") + "\nfirst run");
        _gitHub.AddComment(7, "comment after ours");

        var edited = await publisher.PublishAsync(new PullRequestCommentReport("octo/app", 7, "api", null, ComparisonMarkdown.Marker("api") + "\nsecond run"), CancellationToken.None);

        Assert.Equal(ours, edited.Id);
        Assert.Equal(122, _gitHub.CommentsOn(7).Count);
        var requests = _gitHub.Requests;
        Assert.Equal(["GET", "GET", "PATCH"], requests.Select(r => r.Method));
        Assert.All(requests.Take(2), r => Assert.StartsWith("/repos/octo/app/issues/7/comments?", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Contains("per_page=100", requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("page=2", requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("page=2", requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal($"/repos/octo/app/issues/comments/{ours}", requests[2].PathAndQuery);
        Assert.Equal("Bearer global-token", _gitHub.Requests[^1].Authorization);
        Assert.EndsWith("second run", System.Text.Json.Nodes.JsonNode.Parse(_gitHub.Requests[^1].Body)!["body"]!.GetValue<string>(), StringComparison.Ordinal);
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

    [Fact]
    public async Task PublishAsync_ReRuns_ShowTheLatestVerdictOnTopAndEarlierRunsFoldedBelowNewestFirst()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();

        await publisher.PublishAsync(Report("aaaaaaa1111", Verdict.Regression, "https://perf.example/runs/1"), CancellationToken.None);
        await publisher.PublishAsync(Report("bbbbbbb2222", Verdict.Inconclusive, "https://perf.example/runs/2"), CancellationToken.None);
        var last = await publisher.PublishAsync(Report("ccccccc3333", Verdict.Unchanged, "https://perf.example/runs/3"), CancellationToken.None);

        var body = Assert.Single(_gitHub.CommentsOn(7)).Body;
        Assert.Equal(last.Id, _gitHub.CommentsOn(7)[0].Id);
        var top = body.IndexOf("### PerfFleet `api`: \u26AA unchanged", StringComparison.Ordinal);
        var folded = body.IndexOf("<details><summary>Earlier runs (2)</summary>", StringComparison.Ordinal);
        Assert.True(top >= 0 && folded > top, body);
        var second = body.IndexOf("| `bbbbbbb` | \u2754 inconclusive | [run page](https://perf.example/runs/2) |", StringComparison.Ordinal);
        var first = body.IndexOf("| `aaaaaaa` | \U0001F534 regression | [run page](https://perf.example/runs/1) |", StringComparison.Ordinal);
        Assert.True(folded < second && second < first, body);
        Assert.DoesNotContain("| `ccccccc` |", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_VerdictSettledByFollowUps_ListsOnlyFinalRunsAsEarlierRuns()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();

        await publisher.PublishAsync(Report("aaaaaaa1111", Verdict.Unchanged, "https://perf.example/runs/1"), CancellationToken.None);
        await publisher.PublishAsync(Report("bbbbbbb2222", Verdict.Inconclusive, "https://perf.example/runs/2", interim: true), CancellationToken.None);
        await publisher.PublishAsync(Report("bbbbbbb2222", Verdict.Regression, "https://perf.example/runs/3", interim: true), CancellationToken.None);
        await publisher.PublishAsync(Report("bbbbbbb2222", Verdict.Regression, "https://perf.example/runs/4"), CancellationToken.None);

        var body = Assert.Single(_gitHub.CommentsOn(7)).Body;
        // The more-pairs and confirmation steps of run 4's verdict are not earlier runs of the PR.
        Assert.Contains("<details><summary>Earlier runs (1)</summary>", body, StringComparison.Ordinal);
        Assert.Contains("| `aaaaaaa` | \u26AA unchanged | [run page](https://perf.example/runs/1) |", body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://perf.example/runs/2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://perf.example/runs/3", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_SameRunReportedAgain_IsListedOnce()
    {
        var publisher = _services.GetRequiredService<PullRequestCommentPublisher>();

        await publisher.PublishAsync(Report("aaaaaaa1111", Verdict.Regression, "https://perf.example/runs/1"), CancellationToken.None);
        await publisher.PublishAsync(Report("aaaaaaa1111", Verdict.Regression, "https://perf.example/runs/1"), CancellationToken.None);

        var body = Assert.Single(_gitHub.CommentsOn(7)).Body;
        Assert.DoesNotContain("<details>", body, StringComparison.Ordinal);
        Assert.Single(CommentHistory.Parse(body));
    }

    private static PullRequestCommentReport Report(string commit, Verdict verdict, string url, bool interim = false) =>
        new("octo/app", 7, "api", null, ComparisonMarkdown.Comment("api", commit, url, new PerfFleet.Contracts.V1.Comparison { Verdict = verdict, BaselineCommit = "0000000fff" }, interim));
}
