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
