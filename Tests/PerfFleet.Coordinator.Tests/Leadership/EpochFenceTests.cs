using Npgsql;
using PerfFleet.Coordinator.Leadership;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Leadership;

public sealed class EpochFenceTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task EnsureCurrentAsync_OldEpoch_ThrowsAndTheWriteChangesNothing()
    {
        var currentEpoch = await AdvanceEpochAsync();
        var testId = await InsertTestAsync();
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<FencedOutException>(() => EpochFence.EnsureCurrentAsync(connection, transaction, currentEpoch - 1, CancellationToken.None));

        Assert.Equal((currentEpoch - 1, currentEpoch), (error.Epoch, error.CurrentEpoch));
        Assert.Equal("scheduled", await ReadStatusAsync(testId));
    }

    [Fact]
    public async Task EnsureCurrentAsync_CurrentEpoch_LetsTheWriteThrough()
    {
        var currentEpoch = await AdvanceEpochAsync();
        var testId = await InsertTestAsync();
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await EpochFence.EnsureCurrentAsync(connection, transaction, currentEpoch, CancellationToken.None);
        await using var update = new NpgsqlCommand("UPDATE load_tests SET status = 'failed' WHERE id = @id", connection, transaction);
        update.Parameters.AddWithValue("id", testId);
        await update.ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        Assert.Equal("failed", await ReadStatusAsync(testId));
    }

    [Theory]
    [InlineData(-1, 0, "scheduled")]
    [InlineData(0, 1, "failed")]
    public async Task Guard_InStatement_AppliesOnlyWithTheCurrentEpoch(int epochOffset, int expectedRows, string expectedStatus)
    {
        var currentEpoch = await AdvanceEpochAsync();
        var testId = await InsertTestAsync();
        await using var connection = await OpenAsync();

        await using var update = new NpgsqlCommand($"UPDATE load_tests SET status = 'failed' WHERE id = @id AND {EpochFence.Guard}", connection);
        update.Parameters.AddWithValue("id", testId);
        update.Parameters.Add(EpochFence.Parameter(currentEpoch + epochOffset));

        Assert.Equal(expectedRows, await update.ExecuteNonQueryAsync());
        Assert.Equal(expectedStatus, await ReadStatusAsync(testId));
    }

    [Fact]
    public async Task EnsureCurrentAsync_NewLeaderTakesOverMeanwhile_TakeoverWaitsForTheFencedTransaction()
    {
        var currentEpoch = await AdvanceEpochAsync();
        await using var oldLeader = await OpenAsync();
        await using var transaction = await oldLeader.BeginTransactionAsync();
        await EpochFence.EnsureCurrentAsync(oldLeader, transaction, currentEpoch, CancellationToken.None);

        // The new leader's increment blocks on the old leader's share lock until it commits.
        var takeover = AdvanceEpochAsync();
        await Task.Delay(300);
        Assert.False(takeover.IsCompleted);
        await transaction.CommitAsync();

        Assert.Equal(currentEpoch + 1, await takeover.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> AdvanceEpochAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE leadership SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> InsertTestAsync()
    {
        await using var context = database.CreateDbContext();
        var test = new LoadTestEntity { Id = Guid.NewGuid(), CloneUrl = "https://example.invalid/r.git", Commit = "abc", Status = LoadTestStatus.Scheduled };
        context.LoadTests.Add(test);
        await context.SaveChangesAsync();
        return test.Id;
    }

    private async Task<string> ReadStatusAsync(Guid testId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM load_tests WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", testId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
