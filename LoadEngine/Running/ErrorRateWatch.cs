using System.Diagnostics;
using System.Globalization;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Running;

/// <summary>
/// Applies a plan's <see cref="ErrorRateStop"/>: called a few times a second, it compares the
/// measured requests and errors now with those one window ago and stops the run (once) when the
/// window's error rate exceeds the limit over at least the rule's minimum of requests.
/// </summary>
internal sealed class ErrorRateWatch(ErrorRateStop rule, RunClock clock, TargetRun[] targets, Action stop)
{
    private readonly object _gate = new();
    private readonly List<Snapshot> _history = [];
    private string? _reason;

    /// <summary>Why the rule ended the run, or null while it has not.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public void Check()
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_reason is not null || now < clock.WindowStartTimestamp || clock.StopRequested)
            {
                return;
            }

            var current = new Snapshot(now, targets.Sum(t => t.SentSoFar()), targets.Sum(t => t.ErrorsSoFar()));
            _history.Add(current);

            // The newest snapshot at least one window old is the window's start (older ones are no
            // longer needed); before a full window has passed, the measured window's start is.
            var windowStart = now - RunClock.ToTicks(rule.Window);
            var last = _history.FindLastIndex(s => s.At <= windowStart);
            var from = last >= 0 ? _history[last] : new Snapshot(clock.WindowStartTimestamp, 0, 0);
            _history.RemoveRange(0, Math.Max(0, last));
            var requests = current.Requests - from.Requests;
            var errors = current.Errors - from.Errors;
            if (requests < rule.MinRequests || errors * 100.0 <= rule.ErrorRatePercent * requests)
            {
                return;
            }

            var seconds = (double)(now - from.At) / Stopwatch.Frequency;
            Volatile.Write(ref _reason, string.Create(CultureInfo.InvariantCulture, $"stop_when: error rate {errors * 100.0 / requests:0.#}% > {rule.ErrorRatePercent:0.##}% ({errors} of {requests} requests in the last {seconds:0.#}s)"));
        }

        stop();
    }

    private readonly record struct Snapshot(long At, long Requests, long Errors);
}
