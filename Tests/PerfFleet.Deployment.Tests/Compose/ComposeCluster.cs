using System.Diagnostics;
using System.Globalization;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Docker;
using PerfFleet.Testing.Net;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// deploy/compose.yml brought up on a test's own Docker daemon with the registry-less images of
/// deploy/compose.local-images.yml: PostgreSQL, two coordinators and two workers on host
/// networking and free loopback ports. Disposing runs `docker-compose down -v` in every outcome.
/// </summary>
public sealed class ComposeCluster : IAsyncDisposable
{
    public const string AdminToken = "compose-admin-token-0123456789";

    private readonly DockerDaemonFixture _docker;
    private readonly string _root;
    private readonly ClusterPorts _ports = ClusterPorts.Allocate();
    private bool _down;

    private ComposeCluster(DockerDaemonFixture docker, string root)
    {
        _docker = docker;
        _root = root;

        // Not "pf-": workers remove leftover pf-* compose projects (their own stacks) at start-up.
        Project = new ComposeProject("perffleet-it-" + Guid.NewGuid().ToString("N")[..8], docker.DockerHost, Variables());
        Coordinators =
        [
            new ClusterCoordinator("coordinator-1", _ports.Coordinator1Web, _ports.Coordinator1Grpc),
            new ClusterCoordinator("coordinator-2", _ports.Coordinator2Web, _ports.Coordinator2Grpc),
        ];
    }

    public ComposeProject Project { get; }

    public ClusterPorts Ports => _ports;

    public IReadOnlyList<ClusterCoordinator> Coordinators { get; }

    /// <summary>Where the test keeps its repositories (served by git daemon) and the workers' directories.</summary>
    public string Root => _root;

    public static Grpc.Core.Metadata Admin { get; } = CoordinatorTestHost.Bearer(AdminToken);

    /// <summary>Builds the images, brings the project up and waits until both coordinators are ready.</summary>
    public static async Task<ComposeCluster> StartAsync(DockerDaemonFixture docker)
    {
        var root = Directory.CreateTempSubdirectory("perffleet-compose-").FullName;
        var cluster = new ComposeCluster(docker, root);
        try
        {
            await LocalImages.BuildAsync(docker.DockerHost, Path.Combine(root, "publish"), CancellationToken.None);
            await cluster.Project.UpAsync();
            await cluster.WaitUntilAsync(
                async () => (await Task.WhenAll(cluster.Coordinators.Select(c => c.ReadinessAsync()))).All(r => r is { Ready: true }),
                TimeSpan.FromMinutes(2),
                "both coordinators answer /readyz with ready: true");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The coordinator whose /readyz says it leads, once exactly one of the running ones does.</summary>
    public async Task<(ClusterCoordinator Leader, long Epoch)> WaitForSingleLeaderAsync(IReadOnlyCollection<ClusterCoordinator> among, TimeSpan timeout)
    {
        (ClusterCoordinator, long)? found = null;
        await WaitUntilAsync(
            async () =>
            {
                var states = await Task.WhenAll(among.Select(c => c.ReadinessAsync()));
                var leaders = among.Zip(states).Where(p => p.Second is { Ready: true, Leader: true }).ToList();
                found = leaders.Count == 1 ? (leaders[0].First, leaders[0].Second!.Epoch) : null;
                return found is not null;
            },
            timeout,
            $"exactly one leader among {string.Join(", ", among.Select(c => c.Service))}");
        return found!.Value;
    }

    /// <summary>Polls <paramref name="condition"/>; a timeout names what was awaited and adds the services' logs.</summary>
    public async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for: {what}\n{await Project.LogsAsync()}");
            }

            await Task.Delay(200);
        }

        return watch.Elapsed;
    }

    /// <summary>Waits until test <paramref name="id"/> is terminal and returns its details; fails unless it completed.</summary>
    public async Task<TestDetails> WaitForCompletionAsync(ClusterCoordinator via, string id, TimeSpan timeout)
    {
        TestDetails? details = null;
        await WaitUntilAsync(
            async () =>
            {
                details = await via.LoadTests.GetAsync(new GetTestRequest { Id = id }, Admin);
                return details.Test.Status is TestStatus.Completed or TestStatus.Failed or TestStatus.Stopped;
            },
            timeout,
            $"test {id} to finish (last seen: {details?.Test.Status} {details?.Test.StatusReason})");
        Assert.True(
            details!.Test.Status == TestStatus.Completed,
            $"test {id} ended {details.Test.Status}: {details.Test.StatusReason}\n{await Project.LogsAsync()}");
        return details;
    }

    /// <summary>
    /// `docker-compose down -v`, then the containers the daemon still has (none, if down did its
    /// job). Asserting on them is the test's last step; disposing only cleans up.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownAsync()
    {
        var down = await Project.DownAsync();
        Assert.True(down.Succeeded, $"docker-compose down -v failed: {down.StandardError}");
        _down = true;
        return await _docker.AllContainersAsync();
    }

    /// <summary>Brings the project down if the test did not get that far, whatever its outcome; never throws over it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_down)
        {
            // The test already failed: its own exception is the one to report.
            await Project.DownAsync();
        }

        foreach (var coordinator in Coordinators)
        {
            coordinator.Dispose();
        }

        // The workers (root in their containers) wrote into the work root; the tests run as root too.
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory must not hide the test's own outcome.
        }
    }

    private Dictionary<string, string> Variables()
    {
        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(Path.Combine(work, "worker-1"));
        Directory.CreateDirectory(Path.Combine(work, "worker-2"));
        return new Dictionary<string, string>(_ports.ToVariables())
        {
            ["PERFFLEET_ADMIN_TOKEN"] = AdminToken,
            ["PERFFLEET_FLEET_TOKEN"] = "compose-fleet-token-" + Guid.NewGuid().ToString("N"),
            ["PERFFLEET_DB_PASSWORD"] = "compose-db-" + Guid.NewGuid().ToString("N")[..12],
            ["PERFFLEET_DB_LISTEN_ADDRESSES"] = "127.0.0.1",
            ["PERFFLEET_PUBLIC_URL"] = "http://127.0.0.1:" + _ports.Coordinator1Web.ToString(CultureInfo.InvariantCulture),
            ["PERFFLEET_DOCKER_SOCKET"] = _docker.SocketPath,
            ["PERFFLEET_WORK_ROOT"] = work,

            // Reports must never leave the machine: GitHub is a loopback port nothing listens on.
            ["PERFFLEET_GITHUB_API_URL"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["PERFFLEET_GITHUB_TOKEN"] = string.Empty,
            ["PERFFLEET_WEBHOOK_SECRET"] = string.Empty,
        };
    }
}
