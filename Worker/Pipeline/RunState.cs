using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Stacks;

namespace PerfFleet.Worker.Pipeline;

/// <summary>What one run has got to so far; becomes the <see cref="RunResult"/> at the end.</summary>
internal sealed class RunState(RunRequest request, TimeProvider time)
{
    public RunRequest Request { get; } = request;

    public DateTimeOffset Started { get; } = time.GetUtcNow();

    public RunPhase Phase { get; set; } = RunPhase.Unspecified;

    public IRunningStack? Stack { get; set; }

    public DateTimeOffset? WindowStart { get; set; }

    public DateTimeOffset? WindowEnd { get; set; }

    public LoadSummary? Summary { get; set; }

    public IReadOnlyList<QueryResult> Queries { get; set; } = [];

    public IReadOnlyList<ResourceSeries> Resources { get; set; } = [];

    public TestStatus Status { get; private set; } = TestStatus.Running;

    public string Reason { get; private set; } = string.Empty;

    public void Finish(TestStatus status, string reason)
    {
        Status = status;
        Reason = reason;
    }

    public RunResult ToResult(DateTimeOffset finished) =>
        new(Request.TestId, Request.Attempt, Status, Reason, Summary, Queries, Resources, Started, finished);
}
