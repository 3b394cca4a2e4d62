using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// Which status changes a load test may make (DESIGN.md "A load test's life"):
/// <code>
/// Scheduled → Assigned → Running → Collecting → Completed
///    ↑   (rejected for quota, worker lost with attempts left)
/// any non-terminal → Stopping → Stopped        any non-terminal → Failed (reason)
/// </code>
/// Two shortcuts keep the real world representable: a worker may report Collecting before any
/// heartbeat showed Running (a short run), and a Scheduled test, which no worker holds, stops at once.
/// </summary>
public static class TestStateMachine
{
    private static readonly Dictionary<LoadTestStatus, LoadTestStatus[]> Forward = new()
    {
        [LoadTestStatus.Scheduled] = [LoadTestStatus.Assigned, LoadTestStatus.Stopped],
        [LoadTestStatus.Assigned] = [LoadTestStatus.Running, LoadTestStatus.Collecting, LoadTestStatus.Scheduled],
        [LoadTestStatus.Running] = [LoadTestStatus.Collecting, LoadTestStatus.Scheduled],
        [LoadTestStatus.Collecting] = [LoadTestStatus.Completed, LoadTestStatus.Scheduled],
        [LoadTestStatus.Stopping] = [LoadTestStatus.Stopped],
        [LoadTestStatus.Completed] = [],
        [LoadTestStatus.Stopped] = [],
        [LoadTestStatus.Failed] = [],
    };

    /// <summary>
    /// Where each status stands: the one classification that every status list, in C#, LINQ and
    /// SQL (<see cref="StatusSql"/>), is made from. A new status that is not placed here fails
    /// at the first use, and StatusSetsTests checks the sets against the transitions.
    /// </summary>
    public static StatusPhase PhaseOf(LoadTestStatus status) => status switch
    {
        LoadTestStatus.Scheduled => StatusPhase.Queued,
        LoadTestStatus.Assigned or LoadTestStatus.Running or LoadTestStatus.Collecting => StatusPhase.OnWorker,
        LoadTestStatus.Stopping => StatusPhase.Ending,
        LoadTestStatus.Completed or LoadTestStatus.Stopped or LoadTestStatus.Failed => StatusPhase.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a status the state machine does not place"),
    };

    /// <summary>Completed, Stopped and Failed: nothing happens to the test any more (a re-run is a new test).</summary>
    public static IReadOnlyList<LoadTestStatus> Terminal { get; } = Where(p => p == StatusPhase.Done);

    /// <summary>Assigned, Running, Collecting and Stopping: a worker holds the test, and it counts against the worker's quota.</summary>
    public static IReadOnlyList<LoadTestStatus> HeldByWorker { get; } = Where(p => p is StatusPhase.OnWorker or StatusPhase.Ending);

    /// <summary>Queued or on a worker and not being stopped: the test that a new request for the same key finds instead of making another.</summary>
    public static IReadOnlyList<LoadTestStatus> Active { get; } = Where(p => p is StatusPhase.Queued or StatusPhase.OnWorker);

    /// <summary>Completed, Stopped and Failed: nothing happens to the test any more (a re-run is a new test).</summary>
    public static bool IsTerminal(this LoadTestStatus status) => PhaseOf(status) == StatusPhase.Done;

    /// <summary>Assigned, Running, Collecting and Stopping: a worker holds the test.</summary>
    public static bool IsOnWorker(LoadTestStatus status) => PhaseOf(status) is StatusPhase.OnWorker or StatusPhase.Ending;

    public static bool CanTransition(LoadTestStatus from, LoadTestStatus to)
    {
        if (IsTerminal(from) || from == to)
        {
            return false;
        }

        // Any non-terminal test may be stopped or fail.
        if (to is LoadTestStatus.Failed || (to is LoadTestStatus.Stopping && from is not LoadTestStatus.Stopping))
        {
            return true;
        }

        return Forward[from].Contains(to);
    }

    /// <summary>Every status <paramref name="from"/> may change to.</summary>
    public static IReadOnlyList<LoadTestStatus> AllowedFrom(LoadTestStatus from) =>
        Enum.GetValues<LoadTestStatus>().Where(to => CanTransition(from, to)).ToList();

    private static LoadTestStatus[] Where(Func<StatusPhase, bool> phase) =>
        [.. Enum.GetValues<LoadTestStatus>().Where(s => phase(PhaseOf(s)))];

    /// <summary>Throws <see cref="IllegalTransitionException"/> (a FAILED_PRECONDITION for API callers) unless allowed.</summary>
    public static void EnsureCanTransition(Guid testId, LoadTestStatus from, LoadTestStatus to)
    {
        if (!CanTransition(from, to))
        {
            throw new IllegalTransitionException(testId, from, to, AllowedFrom(from));
        }
    }
}
