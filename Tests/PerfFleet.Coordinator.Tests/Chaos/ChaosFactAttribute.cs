namespace PerfFleet.Coordinator.Tests.Chaos;

/// <summary>
/// A case of the fault suite: long, so it runs only when <c>PERFFLEET_CHAOS=1</c>
/// (<c>./build.sh --target=Chaos</c> sets it) and is skipped by the ordinary test run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChaosFactAttribute : FactAttribute
{
    public const string Variable = "PERFFLEET_CHAOS";

    public ChaosFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a fault-suite case: run with ./build.sh --target=Chaos (or {Variable}=1)";
        }
    }
}
