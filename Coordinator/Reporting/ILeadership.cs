namespace PerfFleet.Coordinator.Reporting;

/// <summary>Whether this coordinator is the leader right now (Leadership/ implements it). Only the leader sends reports.</summary>
public interface ILeadership
{
    bool IsLeader { get; }
}
