using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Cli.LocalRun;

/// <summary>A local run has no coordinator: its result is kept for the report.</summary>
internal sealed class CapturingResultSink : IResultSink
{
    public RunResult? Result { get; private set; }

    public Task ReportAsync(RunResult result, CancellationToken cancellationToken)
    {
        Result = result;
        return Task.CompletedTask;
    }
}
