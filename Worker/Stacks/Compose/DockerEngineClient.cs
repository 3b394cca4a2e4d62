using System.Net.Sockets;
using System.Text.Json;

namespace PerfFleet.Worker.Stacks.Compose;

/// <summary>
/// The few Docker Engine API calls the worker needs (list a project's containers, read their
/// stats) over the daemon's unix socket. Docker.DotNet cannot be restored here; this is the one
/// place that talks the Engine API.
/// </summary>
public sealed class DockerEngineClient : IDisposable
{
    private readonly HttpClient _http;

    public DockerEngineClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The host name is ignored by the socket; API v1.41 is what Docker 20.10 speaks.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/v1.41/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Running containers of a compose project: (id, service name).</summary>
    public async Task<IReadOnlyList<(string Id, string Service)>> ListProjectContainersAsync(string project, CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [$"{ComposeProjectCleaner.ProjectLabel}={project}"] }));
        using var document = await GetJsonAsync($"containers/json?filters={filters}", cancellationToken);
        return [.. document.RootElement.EnumerateArray().Select(c => (
            c.GetProperty("Id").GetString()!,
            c.GetProperty("Labels").TryGetProperty(ComposeProjectCleaner.ServiceLabel, out var service) ? service.GetString()! : c.GetProperty("Id").GetString()![..12]))];
    }

    /// <summary>Cumulative CPU seconds and memory in use (without page cache) of one container.</summary>
    public async Task<(double CpuSeconds, long MemoryBytes)> ReadStatsAsync(string containerId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"containers/{Uri.EscapeDataString(containerId)}/stats?stream=false&one-shot=true", cancellationToken);
        var root = document.RootElement;
        var cpuNanoseconds = root.GetProperty("cpu_stats").GetProperty("cpu_usage").GetProperty("total_usage").GetDouble();
        var memory = root.GetProperty("memory_stats");
        var usage = memory.TryGetProperty("usage", out var u) ? u.GetInt64() : 0;
        long cache = 0;
        if (memory.TryGetProperty("stats", out var stats))
        {
            // cgroup v2 reports inactive_file, v1 reports cache; docker stats subtracts the same.
            cache = stats.TryGetProperty("inactive_file", out var inactive) ? inactive.GetInt64()
                : stats.TryGetProperty("cache", out var v1Cache) ? v1Cache.GetInt64() : 0;
        }

        return (cpuNanoseconds / 1e9, Math.Max(0, usage - cache));
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using var reader = new StreamReader(body);
            throw new InvalidOperationException($"Docker Engine API {path} answered {(int)response.StatusCode}: {await reader.ReadToEndAsync(cancellationToken)}");
        }

        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
