namespace PerfFleet.Runs.Resources;

/// <summary>A stack whose CPU and memory cannot be read (no Docker API, or a deployment PerfFleet did not start): no readings.</summary>
public sealed class NoResources : IResourceProbe
{
    public static NoResources Instance { get; } = new();

    public Task<IReadOnlyList<ResourceReading>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ResourceReading>>([]);
}
