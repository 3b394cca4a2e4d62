namespace PerfFleet.Runs.Load;

/// <summary>
/// The test whose run pipeline is executing on this async flow. The pipeline's ILoadStep only gets
/// the scenario, so the load step finds the test's rate handle and progress here.
/// </summary>
public static class CurrentTest
{
    private static readonly AsyncLocal<ActiveTest?> Current = new();

    public static ActiveTest? Value
    {
        get => Current.Value;
        internal set => Current.Value = value;
    }
}
