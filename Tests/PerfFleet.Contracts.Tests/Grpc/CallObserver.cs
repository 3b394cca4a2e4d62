namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Lets a test see what happened inside the server (e.g. that the handler's token was cancelled).</summary>
public sealed class CallObserver
{
    /// <summary>Set when a handler starts waiting (a request with delay_ms), so a test can cancel a call that really reached the server.</summary>
    public TaskCompletionSource<string> Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
