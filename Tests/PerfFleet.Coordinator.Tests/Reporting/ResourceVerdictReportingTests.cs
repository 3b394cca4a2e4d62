using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;
using PerfFleet.Testing.Waiting;
using static PerfFleet.Coordinator.Tests.Fleet.FleetTestData;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// A PR that doubles a container's memory, end to end: a real coordinator on real PostgreSQL
/// receives a baseline and a test run through Fleet.ReportResults with resource series, stores the
/// resource verdicts, fails the commit status and says so in the PR comment and the alert sent to
/// the recording GitHub server.
/// </summary>
public sealed class ResourceVerdictReportingTests : IAsyncLifetime
{
    private const int PullRequest = 42;
    private const double MiB = 1024 * 1024;

    private readonly PostgresDatabaseFixture _database = new();
    private RecordingGitHubServer _gitHub = null!;
    private CoordinatorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _gitHub = await RecordingGitHubServer.StartAsync();
        _host = await CoordinatorTestHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["PerfFleet:GitHub:ApiBaseUrl"] = _gitHub.BaseUrl.ToString(),
            ["PerfFleet:GitHub:Token"] = "global-token",
            ["PerfFleet:Reporting:AlertWebhookUrl"] = new Uri(_gitHub.BaseUrl, RecordingGitHubServer.AlertPath.TrimStart('/')).ToString(),
            ["PerfFleet:Outbox:PollInterval"] = "00:00:00.200",
            // What is reported is under test here, not the confirmation run before it (PairedVerdictTests).
            ["PerfFleet:FollowUps:ConfirmRegressions"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gitHub.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ReportResults_PullRequestDoublesMemory_RegressionStoredCommentedAndStatusFails()
    {
        var repository = Specs.NewRepository();
        var baseline = await CompletedRunAsync(Specs.ForRepository(repository, kind: TestKind.Baseline), apiMemoryMiB: 200);
        var prSpec = Specs.ForRepository(repository);
        prSpec.PullRequest = PullRequest;

        var test = await CompletedRunAsync(prSpec, apiMemoryMiB: 400);

        var details = await _host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin);
        Assert.Equal(baseline.Id, details.Comparison.BaselineTestId);
        Assert.Equal(Verdict.Regression, details.Test.Verdict);
        Assert.Equal(Verdict.Unchanged, details.Comparison.Metrics.Single(m => m.Source == "query").Verdict); // latency alone would pass
        var memory = details.Comparison.Metrics.Single(m => m.Source == "resource" && m.Metric == "api.memory_mib");
        Assert.Equal(Verdict.Regression, memory.Verdict);
        Assert.Equal(201, memory.BaselineMedian);
        Assert.Equal(401, memory.TestMedian);
        Assert.Equal(40, memory.TestSamples); // the warm-up readings before the window are left out
        Assert.True(memory.PValue < 0.01, $"p = {memory.PValue}");
        Assert.Equal(Verdict.Unchanged, details.Comparison.Metrics.Single(m => m.Metric == "api.cpu_cores").Verdict);
        Assert.Equal(Verdict.Unchanged, details.Comparison.Metrics.Single(m => m.Metric == "db.memory_mib").Verdict);
        await using (var context = _database.CreateDbContext())
        {
            var id = Guid.Parse(test.Id);
            Assert.Equal(TestVerdict.Regression, (await context.Comparisons.SingleAsync(c => c.TestId == id)).Verdict);
        }

        await Eventually.WaitUntilAsync(() => _gitHub.CommentsOn(PullRequest).Count == 1 && Finals(prSpec.Commit).Any(), TimeSpan.FromSeconds(30), "the PR comment and the final commit status");
        var comment = _gitHub.CommentsOn(PullRequest).Single().Body;
        Assert.Contains("**Worse:** `api.memory_mib` +99.5%", comment, StringComparison.Ordinal);
        Assert.Matches(@"\| api\.memory_mib \| 201 \| 401 \| \+99\.5% \| [^|]+ \| 40[^|]* \| [^|]+ \| 10% \(lower is better\) \| " + "\U0001F534" + @" regression \|", comment);
        Assert.Contains("| db.memory_mib | 101 | 101 | 0.0% |", comment, StringComparison.Ordinal);
        var status = Finals(prSpec.Commit).Single();
        Assert.Equal("failure", status["state"]!.GetValue<string>());
        Assert.Equal("regression in 1 of 7: api.memory_mib +99.5%", status["description"]!.GetValue<string>());
        await Eventually.WaitUntilAsync(() => Alerts().Any(), TimeSpan.FromSeconds(30), "the regression alert");
        Assert.Contains("api.memory_mib +99.5%", Alerts().Single()["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var alerted = Alerts().Single()["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "api.memory_mib")!;
        Assert.Equal(("regression", "resource"), (alerted["verdict"]!.GetValue<string>(), alerted["source"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReportResults_NewPushToThePullRequest_EditsItsCommentInPlaceAndPostsTheNewCommitsStatus()
    {
        var repository = Specs.NewRepository();
        await CompletedRunAsync(Specs.ForRepository(repository, kind: TestKind.Baseline), apiMemoryMiB: 200);
        var firstPush = Specs.ForRepository(repository);
        firstPush.PullRequest = PullRequest;
        await CompletedRunAsync(firstPush, apiMemoryMiB: 400);
        await Eventually.WaitUntilAsync(() => _gitHub.CommentsOn(PullRequest).Count == 1 && Finals(firstPush.Commit).Any(), TimeSpan.FromSeconds(30), "the first push's comment and status");
        var commentId = _gitHub.CommentsOn(PullRequest).Single().Id;
        var secondPush = Specs.ForRepository(repository);
        secondPush.PullRequest = PullRequest;

        await CompletedRunAsync(secondPush, apiMemoryMiB: 200);

        await Eventually.WaitUntilAsync(() => Finals(secondPush.Commit).Any() && _gitHub.Requests.Any(r => r.Method == "PATCH"), TimeSpan.FromSeconds(30), "the second push's status and the comment's edit");
        var (id, body) = Assert.Single(_gitHub.CommentsOn(PullRequest));
        Assert.Equal(commentId, id);
        var edit = Assert.Single(_gitHub.Requests, r => r.Method == "PATCH");
        Assert.Equal($"/repos/{repository}/issues/comments/{commentId}", edit.PathAndQuery);
        Assert.Equal(body, JsonNode.Parse(edit.Body)!["body"]!.GetValue<string>());
        var latest = body.IndexOf($"`{secondPush.Commit[..7]}`", StringComparison.Ordinal);
        var earlier = body.IndexOf("<details><summary>Earlier runs (1)</summary>", StringComparison.Ordinal);
        Assert.True(latest >= 0 && earlier > latest, body); // the new verdict on top, the first push's folded below
        Assert.Contains($"| `{firstPush.Commit[..7]}` | \U0001F534 regression |", body[earlier..], StringComparison.Ordinal);
        Assert.Equal("success", Finals(secondPush.Commit).Single()["state"]!.GetValue<string>());
        Assert.All(_gitHub.Requests.Where(r => r.PathAndQuery.StartsWith("/repos/", StringComparison.Ordinal)), r => Assert.Equal("Bearer global-token", r.Authorization));
    }

    [Fact]
    public async Task RunPage_ResourceVerdicts_RenderedAsResourceRows()
    {
        var repository = Specs.NewRepository();
        await CompletedRunAsync(Specs.ForRepository(repository, kind: TestKind.Baseline), apiMemoryMiB: 200);
        var test = await CompletedRunAsync(Specs.ForRepository(repository), apiMemoryMiB: 400);

        var page = await _host.Http.GetStringAsync(new Uri($"/runs/{test.Id}", UriKind.Relative));

        Assert.Contains("<tr class=\"verdict-row-regression\" data-metric=\"api.memory_mib\" data-source=\"resource\">", page, StringComparison.Ordinal);
        Assert.Contains("The comparison above judges resource use too", page, StringComparison.Ordinal);
    }

    /// <summary>Plays the worker: heartbeat, assignment, then a full report with query, summary and resource series.</summary>
    private async Task<LoadTest> CompletedRunAsync(LoadTestSpec spec, double apiMemoryMiB)
    {
        var workerId = "w-" + Guid.NewGuid().ToString("N");
        await _host.FleetApi.HeartbeatAsync(Heartbeat(workerId), CoordinatorTestHost.Fleet);
        var test = await ScheduleAsync(_host, spec);
        await AssignAsync(_database, test.Id, workerId);
        var report = Report(test.Id, workerId, level: 100).ToList();
        var windowStart = report.Single(c => c.Summary is not null).Summary.WindowStart.ToDateTimeOffset();
        report.Insert(report.Count - 1, new ResultChunk { Resources = Container("api", windowStart, 0.5, apiMemoryMiB) });
        report.Insert(report.Count - 1, new ResultChunk { Resources = Container("db", windowStart, 0.2, 100) });
        var response = await SendAsync(_host, report);
        Assert.True(response.Accepted);
        return test;
    }

    /// <summary>40 readings a second apart inside the window (steady, with a little spread), after 5 warm-up readings of 10x as much memory.</summary>
    private static ResourceSeries Container(string name, DateTimeOffset windowStart, double cores, double memoryMiB)
    {
        var series = new ResourceSeries { Name = name };
        for (var i = -5; i < 40; i++)
        {
            var warmingUp = i < 0;
            var at = Timestamp.FromDateTimeOffset(windowStart.AddSeconds(warmingUp ? i : i + 1));
            series.CpuCores.Add(new Sample { Time = at, Value = cores + ((i % 5) * 0.001) });
            series.MemoryBytes.Add(new Sample { Time = at, Value = ((warmingUp ? 10 * memoryMiB : memoryMiB) + ((i % 5) * 0.5)) * MiB });
        }

        return series;
    }

    private IEnumerable<JsonNode> Finals(string sha) =>
        _gitHub.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/statuses/" + sha, StringComparison.Ordinal))
            .Select(r => JsonNode.Parse(r.Body)!)
            .Where(s => s["state"]!.GetValue<string>() != "pending");

    private IEnumerable<JsonNode> Alerts() =>
        _gitHub.Requests.Where(r => r.PathAndQuery == RecordingGitHubServer.AlertPath).Select(r => JsonNode.Parse(r.Body)!);
}
