using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>CPU and memory of a compose project's containers through the Docker Engine API, named by service.</summary>
public sealed class ContainerResourceProbe(DockerEngineClient docker, string project) : IResourceProbe
{
    public async Task<IReadOnlyList<ResourceReading>> ReadAsync(CancellationToken cancellationToken)
    {
        var containers = await docker.ListProjectContainersAsync(project, cancellationToken);
        var readings = new List<ResourceReading>(containers.Count);
        foreach (var (id, service) in containers)
        {
            var (cpuSeconds, memoryBytes) = await docker.ReadStatsAsync(id, cancellationToken);
            readings.Add(new ResourceReading(service, cpuSeconds, memoryBytes));
        }

        return readings;
    }
}
