using PerfFleet.Coordinator.Web.Charts;

namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// The CPU and memory of the stack's containers during the run: one chart per resource with a
/// line per container, and the numbers per container beside the baseline's.
/// <see cref="HiddenContainers"/> counts containers left off the charts to keep them readable
/// (they still have rows in the table).
/// </summary>
internal sealed record ResourceUsage(LineChart Cpu, LineChart Memory, IReadOnlyList<ResourceUsageRow> Rows, int HiddenContainers)
{
    public bool HasSamples => Rows.Count > 0;
}
