namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Lets a test see what happened inside the server (e.g. that the handler's token was cancelled).</summary>
public sealed class CallObserver
{
    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
