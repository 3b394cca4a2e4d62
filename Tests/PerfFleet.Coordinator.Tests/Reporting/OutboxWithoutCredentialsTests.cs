using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// No GitHub token and no GitHub App: the outbox does not call GitHub, records "not reported: no
/// GitHub credentials" on the test's status and comment, never retries them, says so once per test
/// without a stack trace, and still sends the alert (not a GitHub call).
/// </summary>
public sealed class OutboxWithoutCredentialsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(ReportingTestServices.Start);
    private readonly InMemoryOutboxStore store = new();
    private readonly RecordingLogger logger = new();
    private RecordingGitHubServer gitHub = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        gitHub = await RecordingGitHubServer.StartAsync();
        services = ReportingTestServices.Create(gitHub, new Dictionary<string, string?> { ["PerfFleet:GitHub:Token"] = "" }, time);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await gitHub.DisposeAsync();
    }

    [Fact]
    public async Task RunOnceAsync_NoCredentials_RecordsNotReportedOnceAndNeverRetries()
    {
        var factory = services.GetRequiredService<ReportMessageFactory>();
        store.Add(factory.ForCompletedTest(new CompletedTestReport(Samples.CompletedPullRequestTest(), Samples.Regression(), null, null)), time.GetUtcNow(), Guid.NewGuid());
        var processor = new OutboxProcessor(store, new SwitchableLeadership(), services.GetRequiredService<ReportDispatcher>(), services.GetRequiredService<IOptions<OutboxOptions>>(), time, logger);

        await processor.RunOnceAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await processor.RunOnceAsync(CancellationToken.None);

        var gitHubRows = store.Rows.Where(r => r.Kind != OutboxMessage.AlertKind).ToList();
        Assert.Equal(2, gitHubRows.Count);
        Assert.All(gitHubRows, r => Assert.Equal((InMemoryOutboxStore.RowState.Failed, 1, NoGitHubCredentialsException.Reason), (r.State, r.Attempts, r.LastError)));
        Assert.Equal(InMemoryOutboxStore.RowState.Done, store.Rows.Single(r => r.Kind == OutboxMessage.AlertKind).State);
        Assert.DoesNotContain(gitHub.Requests, r => r.PathAndQuery.StartsWith("/repos/", StringComparison.Ordinal));
        Assert.Equal(["not reported"], logger.Entries.Where(e => e.Level >= LogLevel.Information && e.Message.Contains("not reported", StringComparison.Ordinal)).Select(_ => "not reported"));
        Assert.DoesNotContain(logger.Entries, e => e.Exception is not null || e.Level >= LogLevel.Warning);
    }

    private sealed class RecordingLogger : ILogger<OutboxProcessor>
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
