namespace PerfFleet.Coordinator.Leadership;

/// <summary>Whether this coordinator leads (DESIGN.md "Leadership"), and since when.</summary>
public interface ILeadership
{
    /// <summary>True while this coordinator holds the lock and its checks succeed.</summary>
    bool IsLeader { get; }

    /// <summary>The current term's epoch, or 0 when not leading.</summary>
    long Epoch { get; }

    /// <summary>The current term, or null when not leading.</summary>
    LeadershipTerm? CurrentTerm { get; }

    /// <summary>
    /// Cancelled the moment leadership is lost; already cancelled when not leading. A new term
    /// has a new token: read it again after <see cref="WaitForTermAsync"/>.
    /// </summary>
    CancellationToken LeadershipLost { get; }

    /// <summary>Raised (on the leadership loop) when this coordinator becomes leader.</summary>
    event EventHandler<LeadershipTerm>? Gained;

    /// <summary>Raised when a term ends: lost connection, failed check, or shutdown.</summary>
    event EventHandler<LeadershipTerm>? Lost;

    /// <summary>Completes with the current term when leading, else when leadership is next gained.</summary>
    Task<LeadershipTerm> WaitForTermAsync(CancellationToken cancellationToken);
}
