namespace PerfFleet.Runs.Resources;

/// <summary>Reads cumulative CPU time and current memory of each part of a stack.</summary>
public interface IResourceProbe
{
    Task<IReadOnlyList<ResourceReading>> ReadAsync(CancellationToken cancellationToken);
}
