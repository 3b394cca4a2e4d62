using PerfFleet.Runs.Stacks;
using System.Diagnostics;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>What one run has got to so far; becomes the <see cref="RunResult"/> at the end.</summary>
internal sealed class RunState(RunRequest request, TimeProvider time)
{
    public RunRequest Request { get; } = request;

    public DateTimeOffset Started { get; } = time.GetUtcNow();

    public RunPhase Phase { get; set; } = RunPhase.Unspecified;

    /// <summary>The run's span (null when nothing traces): the phases are its children.</summary>
    public Activity? Span { get; set; }

    /// <summary>The span of the phase the run is in; ended when the next phase begins.</summary>
    public Activity? PhaseSpan { get; set; }

    /// <summary>The measurement under way (its stack is torn down when the run ends, whatever happens).</summary>
    public Measurement? Current { get; set; }

    /// <summary>Set when the run is paired: the top-level results are then those of <see cref="LastTest"/>.</summary>
    public bool Paired { get; set; }

    /// <summary>"pair 3, baseline abc1234" while a repetition runs, for reasons and logs; else null.</summary>
    public string? RepetitionLabel { get; set; }

    /// <summary>The last finished repetition of the test commit: its charts are the run page's.</summary>
    public Measurement? LastTest { get; set; }

    public List<Repetition> Repetitions { get; } = [];

    /// <summary>
    /// A paired run with <c>repeat.stack: kept</c>: each side's stack, up between its repetitions
    /// until the run ends (<see cref="MeasurementSteps.TearDownAsync"/> tears them down with the
    /// current one, however the run ends).
    /// </summary>
    public List<IRunningStack> KeptStacks { get; } = [];

    /// <summary>The test commit's first-parent depth once checked out (<see cref="Source.SourceCheckout.FirstParentDepth"/>); 0 = unknown.</summary>
    public long CommitSequence { get; set; }

    public TestStatus Status { get; private set; } = TestStatus.Running;

    public string Reason { get; private set; } = string.Empty;

    /// <summary>Where the run is, for a reason: the phase, and the repetition of a paired run.</summary>
    public string Where => RepetitionLabel is null ? Phase.ToString() : $"{Phase} of {RepetitionLabel}";

    public void Finish(TestStatus status, string reason)
    {
        Status = status;
        Reason = reason;
    }

    public RunResult ToResult(DateTimeOffset finished)
    {
        var shown = Paired ? LastTest : Current;
        return new(Request.TestId, Request.Attempt, Status, Reason, shown?.Summary, shown?.Queries ?? [], shown?.Resources ?? [], Started, finished, Repetitions, CommitSequence);
    }
}
