using System.Diagnostics;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Docker;
using Xunit.Abstractions;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// deploy/compose.yml as a user runs it on a host without a registry: the workers register, a
/// scheduled test completes with results, and a coordinator killed with `docker kill` while it
/// leads is replaced by the other one, which goes on dispatching.
/// </summary>
[Collection(ComposeCollection.Name)]
public sealed class ComposeClusterTests(DockerDaemonFixture docker, ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The failover bound of this test; the design's target is a new leader within 3 s.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ComposeUp_WithLocalImages_RunsTestsAndReplacesAKilledLeader()
    {
        await using var cluster = await ComposeCluster.StartAsync(docker);
        var first = cluster.Coordinators[0];
        Assert.Equal(["postgres"], await cluster.Project.ProcessUsersAsync("postgres"));
        Assert.Equal(["nobody"], await cluster.Project.ProcessUsersAsync("coordinator-1"));

        // Both workers heartbeat and are alive in the fleet.
        await cluster.WaitUntilAsync(
            async () => (await first.Fleet.ListWorkersAsync(new ListWorkersRequest(), ComposeCluster.Admin)).Workers.Count(w => w.Alive) == 2,
            TimeSpan.FromMinutes(1),
            "worker-1 and worker-2 alive in ListWorkers");
        var workers = await first.Fleet.ListWorkersAsync(new ListWorkersRequest(), ComposeCluster.Admin);
        Assert.Equal(
            [("worker-1", $"http://127.0.0.1:{cluster.Ports.Worker1Grpc}"), ("worker-2", $"http://127.0.0.1:{cluster.Ports.Worker2Grpc}")],
            workers.Workers.Select(w => (w.Id, w.Address)).Order());

        // A repository served over git:// on loopback, registered through the admin API.
        var commit = await SmokeRepository.CreateAsync(Path.Combine(cluster.Root, "git", "compose-smoke"));
        using var git = await GitDaemon.StartAsync(Path.Combine(cluster.Root, "git"));
        await cluster.Coordinators[1].Repositories.RegisterAsync(
            new RepositoryRegistration { Name = SmokeRepository.Name, CloneUrl = git.UrlOf("compose-smoke"), DefaultBranch = "master", Scenarios = { SmokeRepository.LocalScenario, SmokeRepository.ComposeScenario } },
            ComposeCluster.Admin);

        var firstTest = await first.LoadTests.ScheduleAsync(Schedule(commit, SmokeRepository.LocalScenario), ComposeCluster.Admin);
        var firstDetails = await cluster.WaitForCompletionAsync(first, firstTest.Id, RunTimeout);
        Assert.True(firstDetails.Summary.Total.Responses > 0, "the load engine's summary counts the answered requests");
        Assert.Equal(firstDetails.Summary.Total.Responses, firstDetails.Summary.Total.StatusCodes.GetValueOrDefault(200));

        // Kill the leader without a chance to step down; the other coordinator takes over.
        var (leader, epoch) = await cluster.WaitForSingleLeaderAsync(cluster.Coordinators, TimeSpan.FromSeconds(30));
        Assert.Equal(leader.GrpcAddress, (await leader.Fleet.ListWorkersAsync(new ListWorkersRequest(), ComposeCluster.Admin)).LeaderAddress);
        var survivor = cluster.Coordinators.Single(c => c != leader);
        var watch = Stopwatch.StartNew();
        await cluster.Project.KillAsync(leader.Service);
        Assert.False(await cluster.Project.IsRunningAsync(leader.Service));

        var (newLeader, newEpoch) = await cluster.WaitForSingleLeaderAsync([survivor], FailoverBound);
        output.WriteLine($"{leader.Service} killed; {survivor.Service} leads {watch.Elapsed.TotalSeconds:0.0} s after the kill (epoch {epoch} -> {newEpoch})");
        Assert.Same(survivor, newLeader);
        Assert.True(newEpoch > epoch, $"the new leader's epoch {newEpoch} is above the killed leader's {epoch}");

        // The new leader dispatches a newly scheduled test, under its own epoch; this one brings a
        // compose stack up through the Docker socket the worker's container has.
        var secondTest = await survivor.LoadTests.ScheduleAsync(Schedule(commit, SmokeRepository.ComposeScenario), ComposeCluster.Admin);
        var secondDetails = await cluster.WaitForCompletionAsync(survivor, secondTest.Id, RunTimeout);
        Assert.Equal(newEpoch, secondDetails.Test.Epoch);
        Assert.True(secondDetails.Summary.Total.Responses > 0, "the second test has results too");
        Assert.Equal(secondDetails.Summary.Total.Responses, secondDetails.Summary.Total.StatusCodes.GetValueOrDefault(200));
        Assert.Contains(secondDetails.Resources, r => r.Name == "sut" && r.MemoryBytes.Count > 0);

        Assert.Empty(await cluster.DownAsync());
    }

    private static ScheduleRequest Schedule(string commit, string scenario) => new()
    {
        Spec = new LoadTestSpec { Repository = SmokeRepository.Name, Commit = commit, Scenario = scenario },
    };
}
