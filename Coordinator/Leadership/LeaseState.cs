namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// The leader's lease as a follower found it: the leader's lock session, how long the lease still
/// runs by the database's clock (negative when it ran out; null before any leader), and whether
/// the follower ended that session because it ran out.
/// </summary>
internal sealed record LeaseState(int? LeaderProcessId, TimeSpan? Remaining, bool Terminated);
