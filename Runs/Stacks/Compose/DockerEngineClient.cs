using Docker.DotNet;
using Docker.DotNet.Models;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>
/// The Docker Engine API calls the worker makes (list a compose project's containers, read their
/// stats), through Docker.DotNet.Enhanced over the daemon's unix socket. Enhanced rather than the
/// original Docker.DotNet: the original's last release (3.125) speaks Engine API 1.41 and is no
/// longer maintained, while the fork (the one Testcontainers uses) follows current Engine APIs
/// and .NET versions with the same surface. Compose itself stays the CLI.
/// </summary>
public sealed class DockerEngineClient(string socketPath) : IDisposable
{
    private readonly DockerClient _docker = new DockerClientBuilder()
        .WithEndpoint(new Uri("unix://" + socketPath))
        .WithTimeout(TimeSpan.FromSeconds(30))
        .Build();

    /// <summary>Running containers of a compose project: (id, service name).</summary>
    public async Task<IReadOnlyList<(string Id, string Service)>> ListProjectContainersAsync(string project, CancellationToken cancellationToken)
    {
        var containers = await _docker.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ComposeProjectCleaner.ProjectLabel}={project}"] = true },
                },
            },
            cancellationToken);
        return [.. containers.Select(c => (c.ID, c.Labels is not null && c.Labels.TryGetValue(ComposeProjectCleaner.ServiceLabel, out var service) ? service : c.ID[..12]))];
    }

    /// <summary>Cumulative CPU seconds and memory in use (without page cache) of one container.</summary>
    public async Task<(double CpuSeconds, long MemoryBytes)> ReadStatsAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? stats = null;
        await _docker.Containers.GetContainerStatsAsync(
            containerId,
            new ContainerStatsParameters { Stream = false, OneShot = true },
            new SynchronousProgress<ContainerStatsResponse>(response => stats = response),
            cancellationToken);
        if (stats is null)
        {
            throw new InvalidOperationException($"Docker Engine API gave no stats for container {containerId}");
        }

        var usage = (long)(stats.MemoryStats?.Usage ?? 0);

        // cgroup v2 reports inactive_file, v1 reports cache; docker stats subtracts the same.
        long cache = 0;
        if (stats.MemoryStats?.Stats is { } detail)
        {
            cache = detail.TryGetValue("inactive_file", out var inactive) ? (long)inactive
                : detail.TryGetValue("cache", out var v1Cache) ? (long)v1Cache : 0;
        }

        return ((stats.CPUStats?.CPUUsage?.TotalUsage ?? 0) / 1e9, Math.Max(0, usage - cache));
    }

    public void Dispose() => _docker.Dispose();

    /// <summary>Reports on the calling thread: <see cref="Progress{T}"/> posts later, after the call has returned.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
