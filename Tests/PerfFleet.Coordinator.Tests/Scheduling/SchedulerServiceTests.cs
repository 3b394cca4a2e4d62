using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Scheduling;

public sealed class SchedulerServiceTests
{
    [Fact]
    public async Task ExecuteAsync_WhileLeader_NotifyWakesTheSchedulerLongBeforeItsPoll_AndItStopsWhenLeadershipEnds()
    {
        await using var database = await MigratedDatabase.CreateAsync("scheduler");
        var time = TimeProvider.System;
        await SchedulingData.AddWorkerAsync(database, "w", time.GetUtcNow(), slots: 10);
        var options = Options.Create(new SchedulingOptions { PollIntervalMilliseconds = 60_000 });
        using var leadership = new PostgresLeadership(
            database.Database,
            Options.Create(new LeadershipOptions { Address = "http://me:5081", LockKey = Random.Shared.NextInt64() }),
            time,
            NullLogger<PostgresLeadership>.Instance);
        var dispatcher = new RecordingDispatcher();
        using var scheduler = new SchedulerService(
            database.Database,
            leadership,
            new AssignmentClaimer(database.Database, options, time),
            new WorkerLivenessSweep(database.Database, options, time),
            dispatcher,
            options,
            time,
            NullLogger<SchedulerService>.Instance);
        await leadership.StartAsync(CancellationToken.None);
        await scheduler.StartAsync(CancellationToken.None);
        var term = await leadership.WaitForTermAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(500); // the first pass found nothing and waits on LISTEN

        var first = await ScheduleWithNotifyAsync(database);
        var call = await dispatcher.Calls.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(("w", first, term.Epoch), call);

        await leadership.StopAsync(CancellationToken.None);
        await ScheduleWithNotifyAsync(database);
        await Task.Delay(1500);
        Assert.False(dispatcher.Calls.TryRead(out _), "a coordinator that no longer leads must not dispatch");

        await scheduler.StopAsync(CancellationToken.None);
    }

    /// <summary>What the API does: insert the test and NOTIFY in one transaction.</summary>
    private static async Task<Guid> ScheduleWithNotifyAsync(MigratedDatabase database)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO load_tests (id, kind, clone_url, commit, status, priority, attempts, max_attempts, created_at, updated_at)
            VALUES (@id, 'test', 'https://example.invalid/r.git', 'abc', 'scheduled', 0, 0, 3, now(), now())
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            await insert.ExecuteNonQueryAsync();
        }

        await SchedulingChannel.NotifyAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }
}
