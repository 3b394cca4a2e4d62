using PerfFleet.Coordinator.Scheduling;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Watch: the test's current state, then each change (from the state events table, which every
/// change appends to in its own transaction) until it is terminal. Polling keeps any coordinator
/// able to serve it, whichever process made the change. A coordinator that shuts down ends its
/// watches at once with UNAVAILABLE, so clients watch again on another coordinator instead of
/// holding the shutdown until its timeout and then losing the connection.
/// </summary>
public sealed class LoadTestWatcher(IDbContextFactory<PerfFleetDbContext> contexts, RunLinks links, IHostApplicationLifetime lifetime, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async IAsyncEnumerable<TestEvent> WatchAsync(Guid id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lastEventId = 0;
        LoadTest? lastSent = null;
        var stopping = lifetime.ApplicationStopping;
        using var pollOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (stopping.IsCancellationRequested)
            {
                Api.ApiErrors.Unavailable("this coordinator is shutting down: watch again (any coordinator serves it)");
            }

            await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var test = await context.LoadTests.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
                if (test is null)
                {
                    Api.ApiErrors.NotFound($"no test with id {id}");
                }

                var newest = await context.TestStateEvents.Where(e => e.TestId == id).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
                var current = test.ToProto(links);

                // Progress (phase, achieved rate) changes without a state event: send those too.
                if (newest > lastEventId || !Equals(Comparable(current), lastSent))
                {
                    lastEventId = newest;
                    lastSent = Comparable(current);
                    yield return new TestEvent { Test = current, Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time.GetUtcNow()) };
                }

                if (test.Status.IsTerminal())
                {
                    yield break;
                }
            }

            try
            {
                await Task.Delay(PollInterval, time, pollOrStop.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Shutting down: answered at the top of the loop.
            }
        }
    }

    // UpdatedAt moves with every write; compare what a watcher sees instead.
    private static LoadTest Comparable(LoadTest test)
    {
        var copy = test.Clone();
        copy.UpdatedAt = null;
        return copy;
    }
}
