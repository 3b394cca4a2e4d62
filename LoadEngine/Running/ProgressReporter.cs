using System.Diagnostics;

namespace PerfFleet.LoadEngine.Running;

/// <summary>Turns the live counters into a <see cref="LoadProgress"/> about once a second.</summary>
internal sealed class ProgressReporter(RunClock clock, TargetRun[] targets, IProgress<LoadProgress>? progress)
{
    private readonly object _gate = new();
    private long _lastRequests;
    private long _lastTimestamp = clock.StartTimestamp;

    public void Report() => Publish(finished: false);

    public void Finish() => Publish(finished: true);

    private void Publish(bool finished)
    {
        if (progress is null)
        {
            return;
        }

        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var requests = targets.Sum(t => t.SentSoFar());
            var errors = targets.Sum(t => t.ErrorsSoFar());
            var seconds = (double)(now - _lastTimestamp) / Stopwatch.Frequency;
            var recent = seconds > 0 ? (requests - _lastRequests) / seconds : 0;
            _lastRequests = requests;
            _lastTimestamp = now;
            var phase = finished ? LoadPhase.Finished : now < clock.WindowStartTimestamp ? LoadPhase.Warmup : LoadPhase.Measuring;
            var elapsed = TimeSpan.FromSeconds(clock.SecondsSinceStart(now));
            var requested = clock.Schedule?.RateAt(elapsed.TotalSeconds) ?? 0;
            progress.Report(new LoadProgress(phase, elapsed, requests, errors, recent, requested));
        }
    }
}
