using PerfFleet.Runs.Processes;
using PerfFleet.Testing;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// deploy/compose.yml with deploy/compose.local-images.yml as one docker-compose project on a
/// given daemon, run through the docker-compose CLI exactly as the files' comments tell users to.
/// </summary>
public sealed class ComposeProject(string name, string dockerHost, IReadOnlyDictionary<string, string> variables)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    public string Name => name;

    public async Task UpAsync()
    {
        var up = await ComposeAsync("up", "-d", "--no-build");
        if (!up.Succeeded)
        {
            throw new InvalidOperationException($"docker-compose up failed (exit {up.ExitCode}): {up.StandardError}\n{await LogsAsync()}");
        }
    }

    /// <summary>`docker kill` of the container of <paramref name="service"/>: SIGKILL, no shutdown.</summary>
    public async Task KillAsync(string service)
    {
        var id = await ContainerIdAsync(service);
        var kill = await DockerAsync("kill", id);
        Assert.True(kill.Succeeded, $"docker kill {service} ({id}) failed: {kill.StandardError}");
    }

    /// <summary>True while the container of <paramref name="service"/> runs.</summary>
    public async Task<bool> IsRunningAsync(string service)
    {
        var inspect = await DockerAsync("inspect", "--format", "{{.State.Running}}", await ContainerIdAsync(service));
        return inspect.Succeeded && inspect.StandardOutput.Trim() == "true";
    }

    /// <summary>The user names the processes of <paramref name="service"/>'s container run as (seen from the host).</summary>
    public async Task<IReadOnlyList<string>> ProcessUsersAsync(string service)
    {
        // docker top needs the pid column; the user is the second.
        var top = await DockerAsync("top", await ContainerIdAsync(service), "-o", "pid,user");
        Assert.True(top.Succeeded, $"docker top {service} failed: {top.StandardError}");
        return
        [
            .. top.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
                .Distinct(),
        ];
    }

    /// <summary>The last lines of every service's log, for failure messages.</summary>
    public async Task<string> LogsAsync()
    {
        var logs = await ComposeAsync("logs", "--no-color", "--tail", "40");
        return "docker-compose logs:\n" + logs.StandardOutput + logs.StandardError;
    }

    /// <summary>`down -v`: removes the containers, the network settings and the pgdata volume.</summary>
    public async Task<ProcessResult> DownAsync() => await ComposeAsync("down", "-v", "--timeout", "5");

    private async Task<string> ContainerIdAsync(string service)
    {
        var ps = await ComposeAsync("ps", "-q", service);
        var id = ps.StandardOutput.Trim();
        return ps.Succeeded && id.Length > 0 ? id : throw new InvalidOperationException($"no container for {service}: {ps.StandardError}");
    }

    private Task<ProcessResult> ComposeAsync(params string[] arguments)
    {
        var deploy = Path.Combine(TestPaths.RepositoryRoot, "deploy");
        string[] files = ["-p", name, "-f", Path.Combine(deploy, "compose.yml"), "-f", Path.Combine(deploy, "compose.local-images.yml")];
        return ProcessRunner.RunAsync("docker-compose", [.. files, .. arguments], Options(), CancellationToken.None);
    }

    private Task<ProcessResult> DockerAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("docker", arguments, Options(), CancellationToken.None);

    private ProcessRunOptions Options()
    {
        var environment = new Dictionary<string, string>(variables) { ["DOCKER_HOST"] = dockerHost };
        return new ProcessRunOptions(TestPaths.RepositoryRoot, environment, CommandTimeout);
    }
}
