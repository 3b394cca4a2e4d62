using System.Diagnostics;
using PerfFleet.LoadEngine.Metrics;
using PerfFleet.LoadEngine.Stats;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// One request in flight at a time for one target (an HTTP/1.1 connection or an HTTP/2 stream).
/// Open model: the lane takes the next slot of the timetable, waits for its due time if it is
/// early, and sends; if every lane was busy the slot is already overdue and goes out at once,
/// its latency counted from the due time (wrk2's correction for coordinated omission).
/// Closed model: it sends back to back.
/// </summary>
internal sealed class LoadLane(int index, TargetRun target, RunClock clock, LoadEngineMetrics? metrics, long lateToleranceTicks)
{
    private const long Idle = 0;
    private const long Aborted = -1;
    private static readonly TimeSpan ConnectRetryPause = TimeSpan.FromMilliseconds(10);
    private static readonly long MaxWaitSlice = Stopwatch.Frequency / 20; // 50 ms

    private volatile ITransportConnection? _connection;
    private long _deadline;
    private volatile bool _abortedForStop;

    public async Task RunAsync()
    {
        try
        {
            while (!clock.StopRequested)
            {
                var slot = target.Claim();
                if (slot >= clock.SlotLimit)
                {
                    return;
                }

                long due;
                if (clock.Schedule is null)
                {
                    due = Stopwatch.GetTimestamp();
                    if (due >= clock.EndTimestamp)
                    {
                        return;
                    }
                }
                else
                {
                    (var verdict, due) = await WaitForSlotAsync(slot);
                    if (verdict == SlotVerdict.Finished)
                    {
                        return;
                    }

                    if (verdict == SlotVerdict.Dropped)
                    {
                        // Due within the run but the run ended before a lane was free: counted, not skipped.
                        RecordDropped(slot, due);
                        return;
                    }
                }

                if (!await SendAsync(target.RequestFor(slot), due) && clock.Schedule is null)
                {
                    // Closed loop against a target that refuses connections: without a pause the
                    // lane would spin on connect errors and starve the other lanes of CPU.
                    await Task.Delay(ConnectRetryPause, CancellationToken.None);
                }
            }
        }
        finally
        {
            _connection?.Dispose();
        }
    }

    /// <summary>Sends one request and records it; false when the connection could not be opened.</summary>
    private async Task<bool> SendAsync(PreparedRequest request, long due)
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

        var stats = target.ByEndpoint[request.EndpointIndex];
        var late = sentAt - due > lateToleranceTicks;
        var labels = target.Labels?[request.EndpointIndex];
        if (result.Answered)
        {
            var intendedMicros = ToMicros(answeredAt - due);
            stats.RecordResponse(result.StatusCode, intendedMicros, ToMicros(answeredAt - sentAt), result.BytesSent, result.BytesReceived, late, result.Error ?? (result.StatusCode >= 500 ? ErrorKind.ServerError : null));
            metrics?.Response(intendedMicros / 1000.0, labels);
        }
        else
        {
            stats.RecordFailure(result.Error ?? ErrorKind.Io, result.BytesSent, late);
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

    /// <summary>
    /// Waits for <paramref name="slot"/>'s due time. The due time is read again after every wake-up
    /// (at most <see cref="MaxWaitSlice"/> apart) because a rate change re-times slots not yet due,
    /// and a lane whose slot lies past the end stays available in case a rate change brings it in.
    /// </summary>
    private async ValueTask<(SlotVerdict Verdict, long Due)> WaitForSlotAsync(long slot)
    {
        var waited = false;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var end = clock.EndTimestamp;
            var due = clock.DueTimestamp(slot);
            if (clock.StopRequested)
            {
                return (due < end ? SlotVerdict.Dropped : SlotVerdict.Finished, due);
            }

            if (due <= now)
            {
                // Overdue at the end of the run (a backlog the lanes could not send in time) is
                // dropped; a slot this lane waited for is sent even if the timer woke it a little late.
                var verdict = due >= end ? SlotVerdict.Finished
                    : now < end || waited ? SlotVerdict.Send
                    : SlotVerdict.Dropped;
                return (verdict, due);
            }

            if (now >= end)
            {
                return (SlotVerdict.Finished, due);
            }

            // Timers have millisecond granularity: round up so a request is never sent early (an
            // early send would shorten its measured latency); the sub-millisecond lateness counts.
            var wait = Math.Min(Math.Min(due, end) - now, MaxWaitSlice);
            try
            {
                await Task.Delay((int)Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency), clock.Stopping);
            }
            catch (OperationCanceledException)
            {
                // Stopped: the loop's next turn reports it.
            }

            waited = true;
        }
    }

    private void RecordDropped(long slot, long due)
    {
        if (due >= clock.WindowStartTimestamp)
        {
            target.ByEndpoint[target.RequestFor(slot).EndpointIndex].RecordDropped(1);
        }
    }

    private static long ToMicros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    private enum SlotVerdict
    {
        Send,
        Dropped,
        Finished,
    }
}
