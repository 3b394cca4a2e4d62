using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Worker.Tests.Pipeline;

/// <summary>Keeps what the pipeline reports (the coordinator is another part's job).</summary>
internal sealed class RecordingResultSink : IResultSink
{
    public List<RunResult> Results { get; } = [];

    public Task ReportAsync(RunResult result, CancellationToken cancellationToken)
    {
        Results.Add(result);
        return Task.CompletedTask;
    }
}
