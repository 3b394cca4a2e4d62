using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// Leader election with a PostgreSQL advisory lock (DESIGN.md "Leadership"). The lock lives in
/// a session, so it is held on a dedicated, unpooled connection with TCP keepalives; the leader
/// checks that session every <see cref="LeadershipOptions.CheckInterval"/> and steps down at
/// once (cancelling the term's token) when a check fails or the connection breaks. On taking
/// the lock it increments <c>leadership.epoch</c>, the fencing token of its writes. Followers
/// retry every <see cref="LeadershipOptions.RetryInterval"/>.
/// </summary>
public sealed class PostgresLeadership(
    PerfFleetDatabase database,
    IOptions<LeadershipOptions> options,
    TimeProvider timeProvider,
    ILogger<PostgresLeadership> logger) : BackgroundService, ILeadership
{
    private readonly LeadershipOptions settings = options.Value;
    private readonly Lock gate = new();
    private volatile LeadershipTerm? current;
    private TaskCompletionSource<LeadershipTerm> nextTerm = NewTermSource();

    public event EventHandler<LeadershipTerm>? Gained;

    public event EventHandler<LeadershipTerm>? Lost;

    public bool IsLeader => current?.IsActive == true;

    public long Epoch => current is { IsActive: true } term ? term.Epoch : 0;

    public LeadershipTerm? CurrentTerm => current is { IsActive: true } term ? term : null;

    public CancellationToken LeadershipLost => current is { IsActive: true } term ? term.Lost : new CancellationToken(canceled: true);

    /// <summary>The server process id of the session that holds (or tries for) the lock; for diagnostics and failure tests.</summary>
    public int? LockSessionProcessId { get; private set; }

    public Task<LeadershipTerm> WaitForTermAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return current is { IsActive: true } term ? Task.FromResult(term) : nextTerm.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The lock connection: never pooled (a pooled session would keep the lock after "close"), keepalives on, short timeouts.</summary>
    public static string DedicatedConnectionString(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        KeepAlive = 1,
        TcpKeepAlive = true,
        TcpKeepAliveTime = 2,
        TcpKeepAliveInterval = 1,
        Timeout = 3,
        CommandTimeout = 3,
        ApplicationName = "perffleet-leadership",
    }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = DedicatedConnectionString(await database.WaitUntilReadyAsync(stoppingToken));
        var consecutiveErrors = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                LockSessionProcessId = connection.ProcessID;
                consecutiveErrors = 0;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await TryLockAsync(connection, stoppingToken))
                    {
                        await LeadAsync(connection, stoppingToken);
                        return;
                    }

                    await Task.Delay(settings.RetryInterval, timeProvider, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Any failure of the lock session (broken connection, timeout, server gone) is handled
                // the same way: leadership, if held, has already been given up; reconnect and compete again.
                consecutiveErrors++;
                var delay = LeadershipTiming.RetryDelay(settings.RetryInterval, consecutiveErrors - 1, settings.MaxRetryBackoff);
                LeadershipLog.AttemptFailed(logger, consecutiveErrors, delay, e);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", settings.LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Holds the leadership until the session fails (throws) or the host stops (returns, lock released).</summary>
    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var since = timeProvider.GetUtcNow();
        long epoch;
        await using (var takeOver = new NpgsqlCommand(
            "UPDATE leadership SET epoch = epoch + 1, leader_address = @address, since = @since WHERE id = 1 RETURNING epoch", connection))
        {
            takeOver.Parameters.AddWithValue("address", settings.Address);
            takeOver.Parameters.AddWithValue("since", since);
            epoch = (long)(await takeOver.ExecuteScalarAsync(stoppingToken)
                ?? throw new InvalidOperationException("The leadership row is missing: the database was not migrated."));
        }

        using var lostSource = new CancellationTokenSource();
        var term = new LeadershipTerm(epoch, settings.Address, since, lostSource.Token);
        Begin(term);
        try
        {
            await CheckUntilFailureAsync(connection, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            End(term, lostSource, "shutdown", null);
            await ReleaseAsync(connection);
            LeadershipLog.Released(logger, epoch);
            return;
        }
        catch (Exception e)
        {
            End(term, lostSource, "the lock session failed its check", e);
            throw;
        }
    }

    private async Task CheckUntilFailureAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var timeout = LeadershipTiming.CheckTimeout(settings.CheckInterval);
        var lastCheck = timeProvider.GetUtcNow();
        while (true)
        {
            await Task.Delay(LeadershipTiming.DelayToNextCheck(settings.CheckInterval, lastCheck, timeProvider.GetUtcNow()), timeProvider, stoppingToken);
            lastCheck = timeProvider.GetUtcNow();
            using var checkTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            checkTimeout.CancelAfter(timeout);
            await using var check = new NpgsqlCommand("SELECT 1", connection);
            try
            {
                await check.ExecuteScalarAsync(checkTimeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The leadership check did not answer within {timeout.TotalMilliseconds:0} ms.");
            }
        }
    }

    private async Task ReleaseAsync(NpgsqlConnection connection)
    {
        // Closing the session would release the lock too; unlocking first lets a follower take over at its next try.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
        unlock.Parameters.AddWithValue("key", settings.LockKey);
        await unlock.ExecuteScalarAsync(timeout.Token);
    }

    private void Begin(LeadershipTerm term)
    {
        TaskCompletionSource<LeadershipTerm> waiting;
        lock (gate)
        {
            current = term;
            waiting = nextTerm;
            nextTerm = NewTermSource();
        }

        LeadershipLog.Gained(logger, term.Address, term.Epoch);
        waiting.TrySetResult(term);
        Gained?.Invoke(this, term);
    }

    private void End(LeadershipTerm term, CancellationTokenSource lostSource, string reason, Exception? exception)
    {
        // Step down first: leader work stops before anything else happens.
        lock (gate)
        {
            current = null;
        }

        lostSource.Cancel();
        if (exception is not null)
        {
            LeadershipLog.Lost(logger, term.Epoch, reason, exception);
        }

        Lost?.Invoke(this, term);
    }

    private static TaskCompletionSource<LeadershipTerm> NewTermSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
