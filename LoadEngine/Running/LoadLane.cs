using System.Diagnostics;
using PerfFleet.LoadEngine.Metrics;
using PerfFleet.LoadEngine.Pacing;
using PerfFleet.LoadEngine.Stats;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// One request in flight at a time for one target (an HTTP/1.1 connection or an HTTP/2 stream).
/// Open model: the lane asks its target's <see cref="SlotGate"/> for the next slot and sends it
/// when it gets it: from the pacer at the slot's due time, or at once from the backlog when every
/// lane was busy at that time, its latency still counted from the due time (wrk2's correction for
/// coordinated omission). Closed model: it sends back to back.
/// </summary>
internal sealed class LoadLane(int index, TargetRun target, RunClock clock, LoadEngineMetrics? metrics, long lateToleranceTicks)
{
    private const long Idle = 0;
    private const long Aborted = -1;
    private static readonly TimeSpan ConnectRetryPause = TimeSpan.FromMilliseconds(10);

    private readonly LaneSignal _signal = new();
    private volatile ITransportConnection? _connection;
    private long _deadline;
    private volatile bool _abortedForStop;

    public async Task RunAsync()
    {
        try
        {
            while (!clock.StopRequested)
            {
                if (SlotPacer.OnPacerThread)
                {
                    // The last request completed inline on the pacer's thread (the pacer handed this
                    // lane its slot): give the thread back before the next one, or it would stop pacing.
                    await Task.Yield();
                }

                if (clock.Schedule is null)
                {
                    var slot = target.Gate.TakeNow();
                    var now = Stopwatch.GetTimestamp();
                    if (slot >= clock.SlotLimit || now >= clock.EndTimestamp)
                    {
                        return;
                    }

                    if (!await SendAsync(target.RequestFor(slot), now, now))
                    {
                        // Closed loop against a target that refuses connections: without a pause the
                        // lane would spin on connect errors and starve the other lanes of CPU.
                        await Task.Delay(ConnectRetryPause, CancellationToken.None);
                    }

                    continue;
                }

                var freeAt = Stopwatch.GetTimestamp();
                var next = await target.Gate.NextAsync(_signal, clock);
                if (next == LaneSignal.Finished)
                {
                    return;
                }

                await SendAsync(target.RequestFor(next), clock.DueTimestamp(next), freeAt);
            }
        }
        finally
        {
            _connection?.Dispose();
        }
    }

    /// <summary>
    /// Sends one request and records it; false when the connection could not be opened.
    /// <paramref name="freeAt"/> is when the lane was ready for it: the generator's own lateness is
    /// from the later of that and <paramref name="due"/> to the send, so a backlog the system under
    /// test caused (every lane busy waiting for answers) counts in the intended-time latency, not in it.
    /// </summary>
    private async Task<bool> SendAsync(PreparedRequest request, long due, long freeAt)
    {
        var connection = _connection ??= target.Transport.Open(index);
        var sentAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref _deadline, sentAt + request.TimeoutTicks);
        var result = await connection.SendAsync(request);
        var answeredAt = Stopwatch.GetTimestamp();
        if (Interlocked.Exchange(ref _deadline, Idle) == Aborted)
        {
            // The watchdog broke this request (timeout or stop): whatever came back does not count.
            result = TransportResult.Failed(_abortedForStop ? ErrorKind.Cancelled : ErrorKind.Timeout, result.BytesSent);
        }

        if ((result.Error is not null && !result.Answered) || !result.KeepAlive)
        {
            connection.Dispose();
            _connection = null;
        }

        if (due < clock.WindowStartTimestamp)
        {
            return result.Error != ErrorKind.Connect; // warm-up: sent, not measured
        }

        var late = sentAt - due > lateToleranceTicks;
        var labels = target.Labels?[request.EndpointIndex];

        // A request belongs to the stage of its intended time, as its latency does.
        var stageIndex = target.Stages.IndexOf(due - clock.WindowStartTimestamp);
        Record(target.ByEndpoint[request.EndpointIndex], result, due, freeAt, sentAt, answeredAt, late);
        if (stageIndex >= 0)
        {
            Record(target.ByStage[stageIndex], result, due, freeAt, sentAt, answeredAt, late);
        }

        if (result.Answered)
        {
            metrics?.Response(ToMicros(answeredAt - due) / 1000.0, result.StatusCode, labels);
        }
        else
        {
            metrics?.Failure(result.Error ?? ErrorKind.Io, labels);
        }

        return result.Error != ErrorKind.Connect;
    }

    /// <summary>
    /// Called by the watchdog: breaks the request in flight if it is past its deadline (or, when
    /// <paramref name="forStop"/>, whatever its deadline). Returns true when it broke one.
    /// </summary>
    public bool AbortIfOverdue(long now, bool forStop)
    {
        var deadline = Volatile.Read(ref _deadline);
        if (deadline == Idle || deadline == Aborted || (!forStop && now < deadline))
        {
            return false;
        }

        // Read the connection before claiming the abort: the lane replaces it only after it has
        // seen the Aborted mark, so this is the connection of the request being aborted.
        var connection = _connection;
        _abortedForStop = forStop;
        if (Interlocked.CompareExchange(ref _deadline, Aborted, deadline) != deadline)
        {
            return false;
        }

        connection?.Abort();
        return true;
    }

    private void Record(StatsRecorder stats, TransportResult result, long due, long freeAt, long sentAt, long answeredAt, bool late)
    {
        if (clock.Schedule is not null)
        {
            var lateness = sentAt - Math.Max(due, freeAt);
            stats.RecordGeneratorLateness(ToMicros(lateness), lateness > lateToleranceTicks);
        }

        if (result.Answered)
        {
            stats.RecordResponse(result.StatusCode, ToMicros(answeredAt - due), ToMicros(answeredAt - sentAt), result.BytesSent, result.BytesReceived, late, result.Error ?? (result.StatusCode >= 500 ? ErrorKind.ServerError : null));
        }
        else
        {
            stats.RecordFailure(result.Error ?? ErrorKind.Io, result.BytesSent, late);
        }
    }

    private static long ToMicros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
}
