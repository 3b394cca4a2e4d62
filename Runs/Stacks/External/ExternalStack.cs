using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks.External;

/// <summary>A running deployment PerfFleet did not start: no resources to read, nothing to watch, and disposing leaves it running.</summary>
internal sealed class ExternalStack : IRunningStack
{
    public IResourceProbe Resources => NoResources.Instance;

    public Task<string?> FindProblemAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    // The parser refuses stack.load_generator without a compose stack, so nothing asks for a service here.
    public Task<int> WaitForServiceExitAsync(string service, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("stack: none has no services");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
