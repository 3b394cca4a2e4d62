namespace PerfFleet.Coordinator.Scheduling;

/// <summary>The outcome of <see cref="IWorkerDispatcher.StartAsync"/>, with the worker's or transport's message.</summary>
public sealed record DispatchResult(DispatchOutcome Outcome, string? Message = null)
{
    public static DispatchResult Accepted { get; } = new(DispatchOutcome.Accepted);
}
