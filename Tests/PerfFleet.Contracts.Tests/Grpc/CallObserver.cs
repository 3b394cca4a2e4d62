using System.Collections.Concurrent;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Lets a test see what happened inside the server, per method ("/perffleet.testing.Echo/Unary").</summary>
public sealed class CallObserver
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> cancelled = new();

    /// <summary>A handler of this method started waiting (a request with delay_ms): the call really reached the server.</summary>
    public Task WaitingAsync(string method) => Get(waiting, method).Task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>A handler of this method saw its call's cancellation token fire.</summary>
    public Task CancelledAsync(string method) => Get(cancelled, method).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void OnWaiting(string method) => Get(waiting, method).TrySetResult();

    public void OnCancelled(string method) => Get(cancelled, method).TrySetResult();

    private static TaskCompletionSource Get(ConcurrentDictionary<string, TaskCompletionSource> events, string method) =>
        events.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
