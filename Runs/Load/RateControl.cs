using PerfFleet.LoadEngine.Running;

namespace PerfFleet.Runs.Load;

/// <summary>
/// The handle Worker.Update and heartbeat commands use to change a running test's rate and measured
/// duration. Before the load engine runs they are kept and become the plan's; while it runs they go
/// to <see cref="LoadRunner.SetRate"/> and <see cref="LoadRunner.SetMeasuredDuration"/>.
/// </summary>
public sealed class RateControl
{
    private readonly Lock _lock = new();
    private LoadRunner? _runner;
    private double? _rate;
    private TimeSpan? _duration;

    /// <summary>The rate asked for by an update, or null when none came.</summary>
    public double? Rate
    {
        get
        {
            lock (_lock)
            {
                return _rate;
            }
        }
    }

    /// <summary>The measured duration asked for by an update, or null when none came.</summary>
    public TimeSpan? Duration
    {
        get
        {
            lock (_lock)
            {
                return _duration;
            }
        }
    }

    /// <summary>
    /// Records the update and applies it to the engine when it is running. True when all of it took
    /// effect now; false when it was kept for the plan, or when part of it could not apply (a
    /// closed-loop run has no rate to change, though its duration does change).
    /// </summary>
    public bool Change(double rate, TimeSpan? duration)
    {
        LoadRunner? runner;
        lock (_lock)
        {
            _rate = rate;
            _duration = duration ?? _duration;
            runner = _runner;
        }

        if (runner is null)
        {
            return false;
        }

        var applied = TryApply(runner, rate);
        return duration is { } d ? TryApplyDuration(runner, d) && applied : applied;
    }

    public void Attach(LoadRunner runner)
    {
        lock (_lock)
        {
            _runner = runner;
        }
    }

    public void Detach()
    {
        lock (_lock)
        {
            _runner = null;
        }
    }

    /// <summary>Applies an update that arrived between the plan being built and the engine starting.</summary>
    public void ApplyIfChangedSince(double? planRate, TimeSpan planDuration)
    {
        LoadRunner? runner;
        double? rate;
        TimeSpan? duration;
        lock (_lock)
        {
            runner = _runner;
            rate = _rate;
            duration = _duration;
        }

        if (runner is null)
        {
            return;
        }

        if (rate is { } r && r != planRate)
        {
            TryApply(runner, r);
        }

        if (duration is { } d && d != planDuration)
        {
            TryApplyDuration(runner, d);
        }
    }

    private static bool TryApply(LoadRunner runner, double rate)
    {
        try
        {
            runner.SetRate(rate);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Not running yet (it will start at the kept rate) or a closed-loop run (no rate to change).
            return false;
        }
    }

    private static bool TryApplyDuration(LoadRunner runner, TimeSpan duration)
    {
        try
        {
            runner.SetMeasuredDuration(duration);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Not running yet (it will start with the kept duration) or already over.
            return false;
        }
    }
}
