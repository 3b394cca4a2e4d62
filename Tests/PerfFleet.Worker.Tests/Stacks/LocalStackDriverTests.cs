using Microsoft.Extensions.Logging.Abstractions;
using PerfFleet.Common.Net;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Resources;
using PerfFleet.Runs.Stacks;
using PerfFleet.Runs.Stacks.Local;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Stacks;

public sealed class LocalStackDriverTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly LocalStackDriver _driver = new(TimeProvider.System, NullLogger<LocalStackDriver>.Instance);
    private readonly ReadinessProbe _readiness = new(new HttpClient(), TimeProvider.System);

    [Fact]
    public async Task StartAsync_SampleServiceStack_IsReadyMeasurableAndFullyKilled()
    {
        var ports = LoopbackPorts.Allocate(["sut"]);
        var launch = Launch(ports,
            new LocalService("sut", $"exec dotnet {SampleServiceProcess.DllPath}", new Dictionary<string, string>(), null),
            new LocalService("forker", "sleep 300 & sleep 300 & wait", new Dictionary<string, string>(), null));
        var stack = await _driver.StartAsync(launch, CancellationToken.None);
        int[] groups;
        try
        {
            await _readiness.WaitAsync(new Uri($"http://127.0.0.1:{ports["sut"]}/healthz"), TimeSpan.FromSeconds(30), stack, CancellationToken.None);
            var recorder = new ResourceRecorder(stack.Resources, TimeProvider.System, TimeSpan.FromMilliseconds(200));
            using var window = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var series = await recorder.RecordAsync(window.Token);

            var sut = Assert.Single(series, s => s.Name == "sut");
            Assert.True(sut.MemoryBytes[^1].Value > 10_000_000, "a .NET service uses more than 10 MB");
            Assert.NotEmpty(sut.CpuCores);
            var forker = Assert.Single(series, s => s.Name == "forker");
            Assert.True(forker.MemoryBytes[^1].Value > 0);
            groups = [.. ((LocalRunningStack)stack).ProcessGroupsForTests];
            Assert.True(ProcessGroupProbe.ProcessesInGroup(groups[1]).Count >= 3, "the shell and both sleeps share the group");
        }
        finally
        {
            await stack.DisposeAsync();
        }

        Assert.All(groups, g => Assert.Empty(ProcessGroupProbe.ProcessesInGroup(g)));
    }

    [Fact]
    public async Task StartAsync_ServiceSeesVariablesAndItsEnv()
    {
        var ports = LoopbackPorts.Allocate(["sut"]);
        var launch = Launch(ports, new LocalService("writer", "echo \"$PERFFLEET_PORT_SUT $PERFFLEET_RUN_ID $EXTRA\" > seen.txt; sleep 300",
            new Dictionary<string, string> { ["EXTRA"] = "x1" }, "sub"));
        Directory.CreateDirectory(_work.Combine("checkout", "sub"));

        await using (var stack = await _driver.StartAsync(launch, CancellationToken.None))
        {
            var file = _work.Combine("checkout", "sub", "seen.txt");
            for (var i = 0; i < 100 && !File.Exists(file); i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal($"{ports["sut"]} run-1 x1", (await File.ReadAllTextAsync(file)).Trim());
        }
    }

    [Fact]
    public async Task WaitAsync_ServiceDiesBeforeReady_FailsWithItsExitCodeAndOutput()
    {
        var ports = LoopbackPorts.Allocate(["sut"]);
        var launch = Launch(ports, new LocalService("sut", "echo starting; echo 'config missing' >&2; exit 3", new Dictionary<string, string>(), null));
        await using var stack = await _driver.StartAsync(launch, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            _readiness.WaitAsync(new Uri($"http://127.0.0.1:{ports["sut"]}/healthz"), TimeSpan.FromSeconds(30), stack, CancellationToken.None));

        Assert.Contains("service sut exited with code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("config missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_NeverReady_FailsAfterTheTimeoutNamingTheUrl()
    {
        var ports = LoopbackPorts.Allocate(["sut"]);
        await using var stack = await _driver.StartAsync(Launch(ports, new LocalService("sut", "sleep 300", new Dictionary<string, string>(), null)), CancellationToken.None);
        var url = new Uri($"http://127.0.0.1:{ports["sut"]}/healthz");

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => _readiness.WaitAsync(url, TimeSpan.FromSeconds(1), stack, CancellationToken.None));

        Assert.Contains("not ready within 1s", ex.Message, StringComparison.Ordinal);
        Assert.Contains(url.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_ServiceIgnoresSigterm_IsKilled()
    {
        var launch = Launch(new Dictionary<string, int>(), new LocalService("stubborn", "trap '' TERM; sleep 300 & wait; sleep 300", new Dictionary<string, string>(), null));
        var stack = await _driver.StartAsync(launch, CancellationToken.None);
        var group = ((LocalRunningStack)stack).ProcessGroupsForTests[0];
        await Task.Delay(200);

        await stack.DisposeAsync();
        await stack.DisposeAsync(); // idempotent

        Assert.Empty(ProcessGroupProbe.ProcessesInGroup(group));
    }

    [Fact]
    public async Task StartAsync_MissingCwd_FailsAndStartsNothing()
    {
        var launch = Launch(new Dictionary<string, int>(),
            new LocalService("first", "sleep 300", new Dictionary<string, string>(), null),
            new LocalService("second", "sleep 300", new Dictionary<string, string>(), "no-such-dir"));

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => _driver.StartAsync(launch, CancellationToken.None));

        Assert.Contains("service second: its cwd \"no-such-dir\" does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Empty(LeftoverProcesses.WithEnvironment(StackVariables.RunId, "run-1")); // the first service was killed again
    }

    [Fact]
    public async Task WaitForServiceExitAsync_ReturnsTheExitCode()
    {
        await using var stack = await _driver.StartAsync(Launch(new Dictionary<string, int>(), new LocalService("job", "exit 7", new Dictionary<string, string>(), null)), CancellationToken.None);

        Assert.Equal(7, await stack.WaitForServiceExitAsync("job", CancellationToken.None));
    }

    private StackLaunch Launch(IReadOnlyDictionary<string, int> ports, params LocalService[] services)
    {
        Directory.CreateDirectory(_work.Combine("checkout"));
        var stack = new ScenarioStack(null, services, [.. ports.Keys], null, TimeSpan.FromSeconds(30), null, null);
        return new StackLaunch("run-1", "pf-run-1", _work.Combine("checkout"), _work.Combine("logs"), stack,
            StackVariables.Build(ports, "abc123", "owner/repo", "run-1"));
    }

    public void Dispose() => _work.Dispose();
}
