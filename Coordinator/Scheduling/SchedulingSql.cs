using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>The scheduler's SQL, in one place so that the claim's guarantees can be read together.</summary>
internal static class SchedulingSql
{
    /// <summary>Statuses in which a worker holds a test and it counts against the worker's quota (<see cref="TestStateMachine.HeldByWorker"/>).</summary>
    public static readonly string OnWorker = StatusSql.In(TestStateMachine.HeldByWorker);

    /// <summary>
    /// The status changes each statement makes, checked against <see cref="TestStateMachine"/>
    /// by StatusSetsTests (with the status literals of each statement): the SQL is written out
    /// to be read, and this is what keeps it honest.
    /// </summary>
    public static IReadOnlyDictionary<string, (LoadTestStatus From, LoadTestStatus To)[]> Transitions => new Dictionary<string, (LoadTestStatus, LoadTestStatus)[]>
    {
        [nameof(AssignBatch)] = [(LoadTestStatus.Scheduled, LoadTestStatus.Assigned)],
        [nameof(ReturnForQuota)] = [(LoadTestStatus.Assigned, LoadTestStatus.Scheduled)],
        [nameof(ReturnUnreachable)] = [(LoadTestStatus.Assigned, LoadTestStatus.Scheduled), (LoadTestStatus.Assigned, LoadTestStatus.Failed)],
        [nameof(GiveBack)] = GivenBack,
        [nameof(Sweep)] = GivenBack,
        [nameof(GiveBackUnheld)] = GivenBack,
        [nameof(RecordProgress)] = [(LoadTestStatus.Assigned, LoadTestStatus.Running), (LoadTestStatus.Assigned, LoadTestStatus.Collecting), (LoadTestStatus.Running, LoadTestStatus.Collecting)],
    };

    /// <summary>
    /// The oldest highest-priority Scheduled tests, at most @limit. FOR UPDATE re-checks each row's
    /// newest version once locked, so a test another transaction just assigned is passed over, never
    /// taken twice; SKIP LOCKED passes over a test another claim is holding right now.
    /// </summary>
    public const string PickTests = """
        SELECT id, coalesce(rate, 0), avoid_worker, repository FROM load_tests
        WHERE status = 'scheduled'
        ORDER BY priority DESC, created_at, id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>
    /// <see cref="PickTests"/> when repositories' running tests are limited: passes over the tests
    /// of a repository in @repositories that has no slot left (@slots) or whose rate is more than
    /// the repository may still send (@rates), so that they wait without keeping other
    /// repositories' tests out of the batch.
    /// </summary>
    public static readonly string PickTestsWithinRepositoryLimits = $"""
        SELECT t.id, coalesce(t.rate, 0), t.avoid_worker, t.repository FROM load_tests t
        WHERE t.status = 'scheduled'
          AND NOT EXISTS (
            SELECT 1 FROM unnest(@repositories::text[], @slots::int[], @rates::float8[]) AS r(repository, slots, rate)
            WHERE {WaitsForItsRepository})
        ORDER BY t.priority DESC, t.created_at, t.id
        LIMIT @limit
        FOR UPDATE OF t SKIP LOCKED
        """;

    /// <summary>
    /// Says why the tests <see cref="PickTestsWithinRepositoryLimits"/> passes over are waiting
    /// (@reasons, one per repository), so that <c>get</c> and the run page show it; a test keeps
    /// its reason until it is assigned (<see cref="AssignBatch"/> clears it), and one already
    /// saying so is not written again.
    /// </summary>
    public static readonly string ExplainRepositoryWaits = $"""
        UPDATE load_tests t SET status_reason = r.reason
        FROM unnest(@repositories::text[], @slots::int[], @rates::float8[], @reasons::text[]) AS r(repository, slots, rate, reason)
        WHERE t.status = 'scheduled' AND {WaitsForItsRepository}
          AND t.status_reason IS DISTINCT FROM r.reason
        """;

    /// <summary>
    /// The one rule of both statements above: test t of repository r (its slots and rate left)
    /// waits when the repository has no slot or rate left, or less rate than t asks for.
    /// </summary>
    private const string WaitsForItsRepository = "r.repository = t.repository AND (r.slots <= 0 OR r.rate <= 0 OR coalesce(t.rate, 0) > r.rate)";

    /// <summary>
    /// Serialises the claims that count repositories' running tests, so two batches cannot both
    /// take a repository's last slot (the key is "perffleet.repository-quotas").
    /// </summary>
    public const string LockRepositoryQuotas = "SELECT pg_advisory_xact_lock(hashtextextended('perffleet.repository-quotas', 0))";

    /// <summary>Each repository's tests on workers and the rate they send: their own, or the achieved one when the scenario set it.</summary>
    public static readonly string RepositoryLoads = $"""
        SELECT repository, count(*)::int, coalesce(sum(coalesce(rate, progress_achieved_rate, 0)), 0)
        FROM load_tests
        WHERE status IN {OnWorker} AND repository IS NOT NULL
        GROUP BY repository
        """;

    /// <summary>
    /// Checkpoint 2: every live worker (fresh heartbeat) with a free slot by its last heartbeat,
    /// its row locked for the claim, with what its heartbeat says it uses and what the database
    /// already gives it. The room is matched to the tests in memory (<see cref="WorkerRoom"/>).
    /// Locking the rows first and counting after (a second statement) means a claim that
    /// committed just before is counted: two claims cannot both fill a worker's last slot.
    /// </summary>
    public const string LockLiveWorkers = """
        SELECT w.id FROM workers w
        WHERE w.last_heartbeat_at >= @fresh_since AND w.used_concurrent_tests < w.capacity_concurrent_tests
          AND (w.unreachable_until IS NULL OR w.unreachable_until <= @now)
        ORDER BY w.id
        FOR UPDATE OF w SKIP LOCKED
        """;

    /// <summary>
    /// The room of the workers @workers, read after their rows were locked (see
    /// <see cref="LockLiveWorkers"/>): the tests the database gives each, split by whether they were
    /// assigned before its last heartbeat (which counted them) or after (which could not).
    /// </summary>
    public static readonly string WorkerLoads = $"""
        SELECT w.id, w.capacity_concurrent_tests, w.used_concurrent_tests, w.capacity_request_rate, w.used_request_rate,
            count(a.id) FILTER (WHERE a.assigned_at <= w.last_heartbeat_at),
            coalesce(sum(a.rate) FILTER (WHERE a.assigned_at <= w.last_heartbeat_at), 0),
            count(a.id) FILTER (WHERE a.assigned_at > w.last_heartbeat_at),
            coalesce(sum(a.rate) FILTER (WHERE a.assigned_at > w.last_heartbeat_at), 0)
        FROM workers w LEFT JOIN load_tests a ON a.assigned_worker = w.id AND a.status IN {OnWorker}
        WHERE w.id = ANY(@workers)
        GROUP BY w.id
        """;

    /// <summary>
    /// Checkpoint 3: the whole batch's Assigned(worker, epoch) rows and their state events in one
    /// statement, so they commit together or not at all; a test that is no longer Scheduled is left out.
    /// </summary>
    public const string AssignBatch = """
        WITH batch AS (
            SELECT * FROM unnest(@ids::uuid[], @workers::text[]) AS b(id, worker)
        ), assigned AS (
            UPDATE load_tests t SET status = 'assigned', assigned_worker = batch.worker, epoch = @epoch, attempts = t.attempts + 1,
                assigned_at = @now, updated_at = @now, status_reason = NULL,
                progress_phase = NULL, progress_elapsed = NULL, progress_achieved_rate = NULL
            FROM batch
            WHERE t.id = batch.id AND t.status = 'scheduled'
            RETURNING t.id, t.assigned_worker
        ), events AS (
            INSERT INTO test_state_events (test_id, status, reason, at)
            SELECT id, 'assigned', 'assigned to worker ' || assigned_worker || ' (epoch ' || @epoch || ')', @now FROM assigned
        )
        SELECT id, assigned_worker FROM assigned
        """;

    public const string InsertEvent = "INSERT INTO test_state_events (test_id, status, reason, at) VALUES (@id, @status, @reason, @now)";

    /// <summary>Undoes an assignment the worker refused for quota: the attempt is given back.</summary>
    public const string ReturnForQuota = """
        UPDATE load_tests SET status = 'scheduled', assigned_worker = NULL, attempts = attempts - 1, updated_at = @now, status_reason = @reason
        WHERE id = @id AND status = 'assigned' AND assigned_worker = @worker AND epoch = @epoch
        """;

    /// <summary>
    /// Until its next heartbeat, treat a worker that refused for quota as full, so that the next
    /// claim does not pick it again at once; the heartbeat overwrites this with the truth.
    /// </summary>
    public const string MarkWorkerFull = "UPDATE workers SET used_concurrent_tests = capacity_concurrent_tests WHERE id = @worker";

    /// <summary>
    /// A Start call that did not reach the worker: it is passed over for @base_seconds, doubled at
    /// each failure in a row, at most @max_seconds (<see cref="LockLiveWorkers"/>).
    /// </summary>
    public const string MarkWorkerUnreachable = """
        UPDATE workers SET
            unreachable_strikes = unreachable_strikes + 1,
            unreachable_until = @now + make_interval(secs => least(@max_seconds, @base_seconds * power(2, least(unreachable_strikes, 30)))),
            unreachable_reason = @reason
        WHERE id = @worker
        """;

    /// <summary>A Start call reached the worker: it is no longer passed over.</summary>
    public const string ClearWorkerUnreachable = "UPDATE workers SET unreachable_strikes = 0, unreachable_until = NULL, unreachable_reason = NULL WHERE id = @worker AND unreachable_strikes > 0";

    /// <summary>Undoes an assignment whose worker could not be reached: the attempt counts, as for a lost worker.</summary>
    public const string ReturnUnreachable = """
        UPDATE load_tests SET
            status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'scheduled' END,
            status_reason = @reason,
            assigned_worker = CASE WHEN attempts >= max_attempts THEN assigned_worker ELSE NULL END,
            finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
            updated_at = @now
        WHERE id = @id AND status = 'assigned' AND assigned_worker = @worker AND epoch = @epoch
        RETURNING status
        """;

    /// <summary>
    /// The liveness sweep, one statement: tests on a worker whose heartbeat is stale (or that no
    /// longer exists), and Assigned tests no worker started in time, are given back (<see cref="GiveBack"/>).
    /// </summary>
    public static readonly string Sweep = $"""
        WITH lost AS (
            SELECT t.id, t.assigned_worker,
                CASE WHEN w.id IS NULL OR w.last_heartbeat_at < @stale_before THEN 'worker lost' ELSE 'worker did not start it' END AS why,
                false AS refund
            FROM load_tests t LEFT JOIN workers w ON w.id = t.assigned_worker
            WHERE t.status IN {OnWorker}
              AND (w.id IS NULL OR w.last_heartbeat_at < @stale_before OR (t.status = 'assigned' AND t.assigned_at < @assigned_before))
            FOR UPDATE OF t SKIP LOCKED
        ), {GiveBack}
        """;

    /// <summary>
    /// A heartbeat's tests: those the database gives worker @worker that its heartbeat does not list
    /// (@held) are gone from it — it restarted, or lost them — and are given back (<see cref="GiveBack"/>).
    /// Left alone are tests assigned since @grace_before, whose Start may still be on its way (the
    /// heartbeat was composed before the worker took them), unless the worker restarted after their
    /// assignment was made to its previous process (assigned at or before @restarted_before, that
    /// process's last heartbeat; null when the worker did not restart). A claim of an earlier epoch
    /// that no worker holds is an orphan of a leader that died before its Start: no attempt is counted.
    /// </summary>
    public static readonly string GiveBackUnheld = $"""
        WITH lost AS (
            SELECT t.id, t.assigned_worker,
                CASE WHEN orphan THEN 'claim of epoch ' || t.epoch || ' orphaned: worker ' || t.assigned_worker || ' never got it'
                     ELSE @why END AS why,
                orphan AS refund
            FROM load_tests t,
                LATERAL (SELECT t.status = 'assigned' AND t.epoch < (SELECT epoch FROM leadership WHERE id = 1) AS orphan) o
            WHERE t.assigned_worker = @worker AND t.status IN {OnWorker} AND NOT (t.id = ANY(@held))
              AND (t.assigned_at < @grace_before OR t.assigned_at <= @restarted_before)
            ORDER BY t.id
            FOR UPDATE OF t
        ), {GiveBack}
        """;

    /// <summary>
    /// A busy worker's heartbeat, one statement: lock the reported tests (in id order, so two
    /// heartbeats cannot deadlock; without the lock a report that completes a test meanwhile would be
    /// overwritten by older progress), record the progress of those the database still gives worker
    /// @worker at the reported attempt, move them forward only (Assigned → Running → Collecting;
    /// Stopping stays until the worker reports) with a state event for each move, and return every
    /// reported test as it was before, so the caller can tell the worker what to stop or re-rate.
    /// @next is the status the reported phase asks for (null: none). Progress in the same phase is
    /// written at most once per <see cref="ProgressWriteInterval"/> (@progress_due: now less it):
    /// every write is a new row version, and with a snapshot held open elsewhere (a long report, a
    /// forgotten session) none of them can be pruned, so a fleet writing every running test every
    /// second left the scheduler's reads walking version chains (bench/scheduler, "xmin held back").
    /// </summary>
    public static readonly string RecordProgress = $"""
        WITH reported AS (
            SELECT * FROM unnest(@ids::uuid[], @attempts::int[], @has_progress::bool[], @phases::text[], @elapsed::interval[], @achieved::float8[], @next::text[])
                AS r(id, attempt, has_progress, phase, elapsed, achieved, next_status)
        ), locked AS (
            SELECT t.id, t.status, t.assigned_worker, t.attempts, t.rate, t.status_reason
            FROM load_tests t JOIN reported r ON r.id = t.id
            ORDER BY t.id
            FOR UPDATE OF t
        ), moved AS (
            UPDATE load_tests t SET
                progress_phase = r.phase, progress_elapsed = r.elapsed, progress_achieved_rate = r.achieved, updated_at = @now,
                status = CASE
                    WHEN l.status = 'assigned' AND r.next_status IN ('running', 'collecting') THEN r.next_status
                    WHEN l.status = 'running' AND r.next_status = 'collecting' THEN r.next_status
                    ELSE l.status END,
                started_at = CASE
                    WHEN (l.status = 'assigned' AND r.next_status IN ('running', 'collecting')) OR (l.status = 'running' AND r.next_status = 'collecting')
                    THEN coalesce(t.started_at, @now) ELSE t.started_at END
            FROM reported r JOIN locked l ON l.id = r.id
            WHERE t.id = r.id AND r.has_progress AND l.assigned_worker = @worker AND l.attempts = r.attempt AND l.status IN {OnWorker}
              AND (t.progress_phase IS DISTINCT FROM r.phase OR t.updated_at <= @progress_due
                   OR (l.status = 'assigned' AND r.next_status IN ('running', 'collecting'))
                   OR (l.status = 'running' AND r.next_status = 'collecting'))
            RETURNING t.id, t.status, l.status AS was
        ), events AS (
            INSERT INTO test_state_events (test_id, status, reason, at)
            SELECT id, status, NULL, @now FROM moved WHERE status <> was
        )
        SELECT id, status, assigned_worker, attempts, rate, status_reason FROM locked
        """;

    /// <summary>How often a running test's progress in one phase is written (see <see cref="RecordProgress"/>); a phase change is written at once.</summary>
    public static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(5);

    // What GiveBack does to each status a worker holds.
    private static readonly (LoadTestStatus From, LoadTestStatus To)[] GivenBack =
    [
        .. TestStateMachine.HeldByWorker.Where(s => s != LoadTestStatus.Stopping).SelectMany(s => new[] { (s, LoadTestStatus.Scheduled), (s, LoadTestStatus.Failed) }),
        (LoadTestStatus.Stopping, LoadTestStatus.Stopped),
    ];

    /// <summary>
    /// The one rule for a test its worker no longer runs (the CTE <c>lost</c>: id, assigned_worker,
    /// why, refund): back to Scheduled (the attempt was counted when assigned; <c>refund</c> gives it
    /// back) or, with no attempts left, to Failed; a Stopping test becomes Stopped. Each change gets
    /// its state event; the statement returns id, worker, status, reason.
    /// </summary>
    private const string GiveBack = """
        changed AS (
            UPDATE load_tests t SET
                status = CASE WHEN t.status = 'stopping' THEN 'stopped' WHEN NOT lost.refund AND t.attempts >= t.max_attempts THEN 'failed' ELSE 'scheduled' END,
                attempts = CASE WHEN t.status <> 'stopping' AND lost.refund THEN t.attempts - 1 ELSE t.attempts END,
                status_reason = CASE
                    WHEN t.status = 'stopping' THEN lost.why || ' while stopping'
                    WHEN lost.refund THEN lost.why || '; rescheduled, no attempt counted'
                    WHEN t.attempts >= t.max_attempts THEN lost.why
                    ELSE lost.why || '; rescheduled after attempt ' || t.attempts || ' of ' || t.max_attempts END,
                assigned_worker = CASE WHEN t.status = 'stopping' OR (NOT lost.refund AND t.attempts >= t.max_attempts) THEN t.assigned_worker ELSE NULL END,
                finished_at = CASE WHEN t.status = 'stopping' OR (NOT lost.refund AND t.attempts >= t.max_attempts) THEN @now ELSE NULL END,
                updated_at = @now,
                progress_phase = NULL, progress_elapsed = NULL, progress_achieved_rate = NULL
            FROM lost WHERE t.id = lost.id
            RETURNING t.id, lost.assigned_worker AS worker, t.status, t.status_reason
        ), events AS (
            INSERT INTO test_state_events (test_id, status, reason, at)
            SELECT id, status, status_reason, @now FROM changed
        )
        SELECT id, worker, status, status_reason FROM changed
        """;
}
