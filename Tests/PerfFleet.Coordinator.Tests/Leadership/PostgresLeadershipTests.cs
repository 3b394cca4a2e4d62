using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Testing.Postgres;
using PerfFleet.Testing.Waiting;

namespace PerfFleet.Coordinator.Tests.Leadership;

public sealed class PostgresLeadershipTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan FailoverTarget = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task StartAsync_TwoCoordinators_ExactlyOneLeadsAndRecordsItsAddress()
    {
        var key = Random.Shared.NextInt64();
        using var first = CreateLeadership("http://first:5081", key);
        using var second = CreateLeadership("http://second:5081", key);
        var epochBefore = await ReadEpochAsync();

        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        await Eventually.WaitUntilAsync(() => first.IsLeader || second.IsLeader, TimeSpan.FromSeconds(10), "a leader");
        await Task.Delay(1500); // a follower retry or two: still only one leader

        Assert.True(first.IsLeader ^ second.IsLeader);
        var leader = first.IsLeader ? first : second;
        Assert.Equal(epochBefore + 1, leader.Epoch);
        Assert.Equal((leader.Epoch, leader.CurrentTerm!.Address), await ReadLeadershipRowAsync());
        var follower = first.IsLeader ? second : first;
        Assert.Equal(0, follower.Epoch);
        Assert.True(follower.LeadershipLost.IsCancellationRequested);

        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LockSessionTerminated_LeaderStepsDownAndOtherTakesOverWithNextEpochWithinThreeSeconds()
    {
        var key = Random.Shared.NextInt64();
        using var first = CreateLeadership("http://first:5081", key);
        await first.StartAsync(CancellationToken.None);
        var firstTerm = await first.WaitForTermAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        using var second = CreateLeadership("http://second:5081", key);
        await second.StartAsync(CancellationToken.None);
        await Task.Delay(300); // the second is a follower, retrying
        var secondTermTask = second.WaitForTermAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.False(secondTermTask.IsCompleted);

        await TerminateBackendAsync(first.LockSessionProcessId!.Value);
        var stepDown = await Eventually.WaitUntilAsync(() => firstTerm.Lost.IsCancellationRequested, FailoverTarget, "the old leader's token to fire");
        var secondTerm = await secondTermTask.WaitAsync(FailoverTarget);

        Assert.False(first.IsLeader);
        Assert.True(stepDown < TimeSpan.FromSeconds(2), $"stepped down after {stepDown}");
        Assert.Equal(firstTerm.Epoch + 1, secondTerm.Epoch);
        Assert.Equal((secondTerm.Epoch, "http://second:5081"), await ReadLeadershipRowAsync());

        await second.StopAsync(CancellationToken.None);
        await first.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_Leader_ReleasesTheLockAndRaisesLost()
    {
        var key = Random.Shared.NextInt64();
        using var first = CreateLeadership("http://first:5081", key);
        LeadershipTerm? lostTerm = null;
        first.Lost += (_, term) => lostTerm = term;
        await first.StartAsync(CancellationToken.None);
        var firstTerm = await first.WaitForTermAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        using var second = CreateLeadership("http://second:5081", key);
        await second.StartAsync(CancellationToken.None);

        await first.StopAsync(CancellationToken.None);
        var secondTerm = await second.WaitForTermAsync(CancellationToken.None).WaitAsync(FailoverTarget);

        Assert.True(firstTerm.Lost.IsCancellationRequested);
        Assert.Same(firstTerm, lostTerm);
        Assert.Equal(firstTerm.Epoch + 1, secondTerm.Epoch);
        await second.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LeaseRunOut_LeaderSessionStillOpen_FollowerEndsItAndTakesOverWithNextEpoch()
    {
        var key = Random.Shared.NextInt64();

        // A leader frozen in place: its session holds the lock and stays open, but renews nothing.
        await using var frozen = new NpgsqlConnection(database.ConnectionString);
        await frozen.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", frozen))
        {
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync();
        }

        long frozenEpoch;
        await using (var record = new NpgsqlCommand("UPDATE leadership SET epoch = epoch + 1, leader_process_id = pg_backend_pid(), renewed_at = now() WHERE id = 1 RETURNING epoch", frozen))
        {
            frozenEpoch = (long)(await record.ExecuteScalarAsync())!;
        }

        var frozenAt = Stopwatch.StartNew();
        using var follower = CreateLeadership("http://follower:5081", key);
        await follower.StartAsync(CancellationToken.None);
        var term = await follower.WaitForTermAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var replaced = frozenAt.Elapsed;

        Assert.Equal(frozenEpoch + 1, term.Epoch);
        Assert.True(replaced >= TimeSpan.FromSeconds(1.5), $"taken over after {replaced}: before the 2 s lease ran out");
        Assert.True(replaced < FailoverTarget, $"taken over after {replaced} (target < 3 s)");
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var probe = new NpgsqlCommand("SELECT 1", frozen);
            await probe.ExecuteScalarAsync();
        });
        await follower.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LeaseRenewed_LeaderAliveBeyondSeveralLeases_FollowerLeavesItLeading()
    {
        var key = Random.Shared.NextInt64();
        using var first = CreateLeadership("http://first:5081", key);
        await first.StartAsync(CancellationToken.None);
        var firstTerm = await first.WaitForTermAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        using var second = CreateLeadership("http://second:5081", key);
        await second.StartAsync(CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.True(firstTerm.IsActive);
        Assert.False(second.IsLeader);
        Assert.Equal((firstTerm.Epoch, "http://first:5081"), await ReadLeadershipRowAsync());
        await second.StopAsync(CancellationToken.None);
        await first.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(500, 900)]
    [InlineData(500, 499)]
    public void Options_LeaseShorterThanTwoChecks_RefusedNamingTheKey(int checkMs, int leaseMs)
    {
        var options = new LeadershipOptions { CheckIntervalMilliseconds = checkMs, LeaseMilliseconds = leaseMs };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("LeaseMilliseconds", StringComparison.Ordinal));
    }

    private PostgresLeadership CreateLeadership(string address, long key) => new(
        database.Database,
        Options.Create(new LeadershipOptions { Address = address, LockKey = key }),
        TimeProvider.System,
        NullLogger<PostgresLeadership>.Instance);

    private async Task<long> ReadEpochAsync() => (await ReadLeadershipRowAsync()).Epoch;

    private async Task<(long Epoch, string? Address)> ReadLeadershipRowAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT epoch, leader_address FROM leadership WHERE id = 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private async Task TerminateBackendAsync(int processId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", processId);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}
