using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using Polly;
using Polly.Retry;

namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// Leader election with a PostgreSQL advisory lock (DESIGN.md "Leadership"). The lock lives in
/// a session, so it is held on a dedicated, unpooled connection with TCP keepalives; the leader
/// checks that session every <see cref="LeadershipOptions.CheckInterval"/> and steps down at
/// once (cancelling the term's token) when a check fails or the connection breaks. On taking
/// the lock it increments <c>leadership.epoch</c>, the fencing token of its writes, and records
/// its session's process id. Each check renews a lease (<c>renewed_at = now()</c> under its
/// epoch); followers retry every <see cref="LeadershipOptions.RetryInterval"/> and, when the lease
/// is older than <see cref="LeadershipOptions.Lease"/> by the database's clock, end the leader's
/// session with <c>pg_terminate_backend</c> and take over: a frozen leader keeps its session open,
/// and would otherwise keep the lock. Its late writes are refused by the epoch fence.
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
        var acquiring = AcquirePipeline();
        while (!stoppingToken.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                // Errors while connecting or following back off (Polly). A term that ends in failure
                // competes again after one retry interval: a follower that is ready takes over first
                // (this session may have been ended because its lease ran out).
                long epoch;
                (connection, epoch) = await acquiring.ExecuteAsync(async token => await AcquireAsync(connectionString, token), stoppingToken);
                await LeadAsync(connection, epoch, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The term already ended (LeadAsync stepped down before rethrowing).
                LeadershipLog.SessionEnded(logger, e.Message);
                await PauseAsync(stoppingToken);
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(settings.RetryInterval, timeProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the loop ends.
        }
    }

    /// <summary>
    /// Retries of <see cref="AcquireAsync"/> after a database error: the retry interval, doubling
    /// per consecutive error up to <see cref="LeadershipOptions.MaxRetryBackoff"/>, on the injected clock.
    /// </summary>
    private ResiliencePipeline AcquirePipeline() => new ResiliencePipelineBuilder { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = settings.RetryInterval,
            MaxDelay = settings.MaxRetryBackoff > settings.RetryInterval ? settings.MaxRetryBackoff : settings.RetryInterval,
            OnRetry = arguments =>
            {
                LeadershipLog.AttemptFailed(logger, arguments.AttemptNumber + 1, arguments.RetryDelay, arguments.Outcome.Exception!);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>
    /// Opens the lock session and competes until it holds the lock: every retry interval, or as
    /// soon as the current leader's lease runs out, whose session it then ends. Returns the session
    /// and the new epoch it wrote.
    /// </summary>
    private async Task<(NpgsqlConnection Connection, long Epoch)> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            LockSessionProcessId = connection.ProcessID;
            while (!await TryLockAsync(connection, cancellationToken))
            {
                var lease = await ExamineLeaseAsync(connection, cancellationToken);
                if (lease.Terminated)
                {
                    LeadershipLog.LeaseExpired(logger, lease.LeaderProcessId, settings.Lease);
                    if (await WaitForLockAsync(connection, cancellationToken))
                    {
                        break;
                    }
                }

                await Task.Delay(LeadershipTiming.FollowerDelay(settings.RetryInterval, lease.Remaining), timeProvider, cancellationToken);
            }

            return (connection, await TakeOverAsync(connection, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", settings.LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Reads the leader's lease and, when it ran out by the database's clock, ends the leader's lock
    /// session in the same statement: only a session that still holds this lock (a reused process
    /// id is left alone).
    /// </summary>
    private async Task<LeaseState> ExamineLeaseAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT leader_process_id,
                   EXTRACT(EPOCH FROM renewed_at + @lease - now())::float8,
                   CASE WHEN renewed_at + @lease < now() AND EXISTS (
                            SELECT 1 FROM pg_locks l
                            WHERE l.locktype = 'advisory' AND l.granted AND l.pid = leadership.leader_process_id AND l.objsubid = 1
                              AND ((l.classid::int8 << 32) | l.objid::int8) = @key
                              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                        THEN pg_terminate_backend(leader_process_id)
                        ELSE false END
            FROM leadership WHERE id = 1
            """,
            connection);
        command.Parameters.AddWithValue("lease", settings.Lease);
        command.Parameters.AddWithValue("key", settings.LockKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The leadership row is missing: the database was not migrated.");
        }

        return new LeaseState(
            reader.IsDBNull(0) ? null : reader.GetInt32(0),
            reader.IsDBNull(1) ? null : TimeSpan.FromSeconds(reader.GetDouble(1)),
            !reader.IsDBNull(2) && reader.GetBoolean(2));
    }

    /// <summary>After ending the old session: its lock is released when that backend exits, moments later.</summary>
    private async Task<bool> WaitForLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await TryLockAsync(connection, cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, cancellationToken);
        }

        return false;
    }

    /// <summary>The new term's epoch, with this session's process id and a first lease renewal.</summary>
    private async Task<long> TakeOverAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var takeOver = new NpgsqlCommand(
            """
            UPDATE leadership SET epoch = epoch + 1, leader_address = @address, since = @since,
                                  leader_process_id = pg_backend_pid(), renewed_at = now()
            WHERE id = 1 RETURNING epoch
            """,
            connection);
        takeOver.Parameters.AddWithValue("address", settings.Address);
        takeOver.Parameters.AddWithValue("since", timeProvider.GetUtcNow());
        return (long)(await takeOver.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The leadership row is missing: the database was not migrated."));
    }

    /// <summary>Holds the leadership until the session fails (throws) or the host stops (returns, lock released).</summary>
    private async Task LeadAsync(NpgsqlConnection connection, long epoch, CancellationToken stoppingToken)
    {
        using var lostSource = new CancellationTokenSource();
        var term = new LeadershipTerm(epoch, settings.Address, timeProvider.GetUtcNow(), lostSource.Token);
        Begin(term);
        try
        {
            await RenewUntilFailureAsync(connection, epoch, stoppingToken);
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

    /// <summary>
    /// Every check interval: renews the lease under this term's epoch, which is also the check of
    /// the lock session. No row updated means a newer leader took over (this session was ended).
    /// </summary>
    private async Task RenewUntilFailureAsync(NpgsqlConnection connection, long epoch, CancellationToken stoppingToken)
    {
        var timeout = LeadershipTiming.CheckTimeout(settings.CheckInterval);
        var lastCheck = timeProvider.GetUtcNow();
        while (true)
        {
            await Task.Delay(LeadershipTiming.DelayToNextCheck(settings.CheckInterval, lastCheck, timeProvider.GetUtcNow()), timeProvider, stoppingToken);
            lastCheck = timeProvider.GetUtcNow();
            using var checkTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            checkTimeout.CancelAfter(timeout);
            await using var renew = new NpgsqlCommand("UPDATE leadership SET renewed_at = now() WHERE id = 1 AND epoch = @epoch", connection);
            renew.Parameters.AddWithValue("epoch", epoch);
            int renewed;
            try
            {
                renewed = await renew.ExecuteNonQueryAsync(checkTimeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The leadership check did not answer within {timeout.TotalMilliseconds:0} ms.");
            }

            if (renewed == 0)
            {
                throw new FencedOutException($"Leadership epoch {epoch} is over: a newer leader took over.");
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
