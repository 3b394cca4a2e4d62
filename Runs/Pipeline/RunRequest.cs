using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Source;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// One attempt of one test, as the worker received it. <c>LocalSource</c> is for
/// <c>perffleet run</c>: the files of a directory copied in as the checkout instead of a git
/// commit, so local, uncommitted changes can be measured; the directory itself is never written to.
/// </summary>
public sealed record RunRequest(string TestId, int Attempt, LoadTestSpec Spec, LocalSource? LocalSource = null)
{
    /// <summary>The coordinator's limits on one test, which the scenario file's load must keep too; null: none.</summary>
    public TestLimits? Limits { get; init; }
}
