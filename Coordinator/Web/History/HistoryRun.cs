using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// One completed run as the history chart needs it: when, which commit (and its first-parent
/// depth, null when unknown: the steps follow ancestry), each query's median, whether it is the
/// pinned baseline.
/// </summary>
internal sealed record HistoryRun(
    Guid Id,
    LoadTestKind Kind,
    string Commit,
    DateTimeOffset FinishedAt,
    IReadOnlyDictionary<string, double> Queries,
    IReadOnlySet<string> RegressedQueries,
    bool Pinned = false,
    long? CommitSequence = null);
