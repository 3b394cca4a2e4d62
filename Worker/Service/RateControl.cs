using PerfFleet.LoadEngine.Running;

namespace PerfFleet.Worker.Service;

/// <summary>
/// The handle Worker.Update and heartbeat commands use to change a running test's rate. Before the
/// load engine runs the rate is kept and becomes the plan's rate; while it runs it goes to
/// <see cref="LoadRunner.SetRate"/>.
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

    /// <summary>A measured duration asked for before the load started (the engine cannot change it mid-run).</summary>
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

    /// <summary>Records the update and applies the rate to the engine when it is running; false when it was kept for later.</summary>
    public bool Change(double rate, TimeSpan? duration)
    {
        LoadRunner? runner;
        lock (_lock)
        {
            _rate = rate;
            _duration = duration ?? _duration;
            runner = _runner;
        }

        return runner is not null && TryApply(runner, rate);
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
    public void ApplyIfChangedSince(double? planRate)
    {
        LoadRunner? runner;
        double? rate;
        lock (_lock)
        {
            runner = _runner;
            rate = _rate;
        }

        if (runner is not null && rate is { } r && r != planRate)
        {
            TryApply(runner, r);
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
}
