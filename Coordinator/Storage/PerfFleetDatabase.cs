namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// The database this coordinator uses, once it is ready (the embedded server started, the
/// migrations applied). Background services await <see cref="WaitUntilReadyAsync"/> so that
/// their start order relative to the database start-up does not matter.
/// </summary>
public sealed class PerfFleetDatabase
{
    private readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public Task<string> WaitUntilReadyAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    internal void MarkReady(string connectionString) => ready.TrySetResult(connectionString);

    internal void MarkFailed(Exception exception) => ready.TrySetException(exception);
}
