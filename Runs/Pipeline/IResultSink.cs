namespace PerfFleet.Runs.Pipeline;

/// <summary>Where a finished run's results go (Fleet.ReportResults to a coordinator, in the worker host).</summary>
public interface IResultSink
{
    Task ReportAsync(RunResult result, CancellationToken cancellationToken);
}
