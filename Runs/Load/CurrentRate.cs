namespace PerfFleet.Runs.Load;

/// <summary>
/// The rate handle of the test whose run pipeline is executing on this async flow. The pipeline's
/// ILoadStep only gets the scenario, so the load step finds here what Worker.Update and heartbeat
/// commands change; <c>perffleet run</c> sets none.
/// </summary>
public static class CurrentRate
{
    private static readonly AsyncLocal<RateControl?> Current = new();

    public static RateControl? Value
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}
