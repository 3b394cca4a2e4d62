using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks;

/// <summary>
/// A stack that is up. Disposing it tears it down completely (idempotent, never throws for a
/// stack that is already gone), whatever happened before: success, failure, stop or cancellation.
/// </summary>
public interface IRunningStack : IAsyncDisposable
{
    /// <summary>Reads the CPU and memory of the stack's containers or processes.</summary>
    IResourceProbe Resources { get; }

    /// <summary>Null while every service runs; otherwise why the stack is broken (e.g. a service exited), for the user.</summary>
    Task<string?> FindProblemAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the named service to exit and returns its exit code (Boulder-style load generator).</summary>
    Task<int> WaitForServiceExitAsync(string service, CancellationToken cancellationToken);
}
