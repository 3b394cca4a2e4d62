using Npgsql;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// The database this coordinator uses, once it is ready (the embedded server started, the
/// migrations applied). Background services await <see cref="WaitUntilReadyAsync"/> so that
/// their start order relative to the database start-up does not matter.
/// <para>
/// One <see cref="NpgsqlDataSource"/> per coordinator, shared by EF
/// (<see cref="PerfFleetDbContextFactory"/>) and the hand-written SQL of the scheduler, the
/// heartbeats and the outbox: one pool, configured once, whose size is the coordinator's share of
/// the server's connections. The leadership lock keeps its own dedicated connection (it must not
/// wait for a pooled one, and it holds the advisory lock for as long as it leads).
/// </para>
/// </summary>
public sealed class PerfFleetDatabase : IAsyncDisposable
{
    private readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NpgsqlDataSource? dataSource;

    /// <summary>A database that is ready at once (tests, tools).</summary>
    public static PerfFleetDatabase ForConnectionString(string connectionString)
    {
        var database = new PerfFleetDatabase();
        database.MarkReady(connectionString);
        return database;
    }

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    /// <summary>The Npgsql connection string; throws while the database is still starting.</summary>
    public string ConnectionString => IsReady
        ? ready.Task.Result
        : throw new InvalidOperationException("The PerfFleet database is not ready yet: await PerfFleetDatabase.WaitUntilReadyAsync first (it is set up by the storage start-up service).");

    /// <summary>The coordinator's one pool of connections; throws while the database is still starting.</summary>
    public NpgsqlDataSource DataSource => IsReady && dataSource is { } source
        ? source
        : throw new InvalidOperationException("The PerfFleet database is not ready yet: await PerfFleetDatabase.WaitUntilReadyAsync first (it is set up by the storage start-up service).");

    public Task<string> WaitUntilReadyAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    /// <summary>An open connection from the shared pool, once the database is ready.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await WaitUntilReadyAsync(cancellationToken);
        return await DataSource.OpenConnectionAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref dataSource, null) is { } source)
        {
            await source.DisposeAsync();
        }
    }

    internal void MarkReady(string connectionString)
    {
        // Built before the task completes, so that whoever sees the database ready finds its pool.
        var source = NpgsqlDataSource.Create(connectionString);
        if (Interlocked.CompareExchange(ref dataSource, source, null) is not null || !ready.TrySetResult(connectionString))
        {
            source.Dispose();
        }
    }

    internal void MarkFailed(Exception exception) => ready.TrySetException(exception);
}
