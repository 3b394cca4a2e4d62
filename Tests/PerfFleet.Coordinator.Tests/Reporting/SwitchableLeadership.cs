using PerfFleet.Coordinator.Leadership;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>A leadership a test turns on and off; only <see cref="IsLeader"/> matters to the outbox.</summary>
public sealed class SwitchableLeadership : ILeadership
{
    public bool IsLeader { get; set; } = true;

    public long Epoch => IsLeader ? 1 : 0;

    public LeadershipTerm? CurrentTerm => null;

    public CancellationToken LeadershipLost => CancellationToken.None; // never lost: the tests switch IsLeader

    public event EventHandler<LeadershipTerm>? Gained
    {
        add { }
        remove { }
    }

    public event EventHandler<LeadershipTerm>? Lost
    {
        add { }
        remove { }
    }

    public Task<LeadershipTerm> WaitForTermAsync(CancellationToken cancellationToken) =>
        Task.FromException<LeadershipTerm>(new NotSupportedException("not used by the outbox tests"));
}
