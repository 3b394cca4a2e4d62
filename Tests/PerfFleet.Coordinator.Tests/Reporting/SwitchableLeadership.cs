using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class SwitchableLeadership : ILeadership
{
    public bool IsLeader { get; set; } = true;
}
