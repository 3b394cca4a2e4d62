using System.Threading.Tasks.Sources;

namespace PerfFleet.LoadEngine.Pacing;

/// <summary>
/// How an idle lane waits for its next slot: one reusable awaitable per lane (no allocation, no
/// timer per request). Continuations run synchronously on the thread that hands the slot over, so
/// a slot handed over by the pacer thread goes out from that thread at once, without a hop through
/// the thread pool (which would add its own wake-up latency to every request).
/// </summary>
internal sealed class LaneSignal : IValueTaskSource<long>
{
    /// <summary>Handed over instead of a slot when no slot will come any more.</summary>
    public const long Finished = -1;

    private ManualResetValueTaskSourceCore<long> _core = new() { RunContinuationsAsynchronously = false };

    /// <summary>Arms the signal for one more wait and returns what the lane awaits.</summary>
    public ValueTask<long> Arm()
    {
        _core.Reset();
        return new ValueTask<long>(this, _core.Version);
    }

    public void Hand(long slot) => _core.SetResult(slot);

    public long GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
