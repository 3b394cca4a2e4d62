using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>A compose project that is up; disposing runs <c>down -v --remove-orphans</c> and removes anything left by label.</summary>
internal sealed partial class ComposeRunningStack(ComposeCli cli, ComposeProjectCleaner cleaner, StackLaunch launch, string composeFile, ILogger logger) : IRunningStack
{
    private readonly DockerEngineClient? _docker = cli.SocketPath is { } socket ? new DockerEngineClient(socket) : null;
    private int _disposed;

    public IResourceProbe Resources => _docker is null ? NoResources.Instance : new ContainerResourceProbe(_docker, launch.ProjectName);

    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        var result = await cli.DockerAsync(["ps", "-a", "--filter", $"label={ComposeProjectCleaner.ProjectLabel}={launch.ProjectName}", "--filter", "status=exited",
            "--format", $"{{{{.Label \"{ComposeProjectCleaner.ServiceLabel}\"}}}}\t{{{{.Status}}}}"], cancellationToken);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            var exit = ExitCodePattern().Match(line);
            if (parts.Length == 2 && exit.Success && exit.Groups[1].Value != "0" && parts[0] != launch.Stack.LoadGenerator)
            {
                return $"service {parts[0]} exited with code {exit.Groups[1].Value}";
            }
        }

        return null;
    }

    public async Task<int> WaitForServiceExitAsync(string service, CancellationToken cancellationToken)
    {
        var found = await cli.DockerAsync(["ps", "-aq", "--filter", $"label={ComposeProjectCleaner.ProjectLabel}={launch.ProjectName}",
            "--filter", $"label={ComposeProjectCleaner.ServiceLabel}={service}"], cancellationToken);
        var id = found.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new Pipeline.RunFailedException(Contracts.V1.RunPhase.Measuring, $"the compose stack has no service \"{service}\" (stack.load_generator)");
        var waited = await cli.DockerAsync(["wait", id], null, cancellationToken);
        return waited.Succeeded && int.TryParse(waited.StandardOutput.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw new Pipeline.RunFailedException(Contracts.V1.RunPhase.Measuring, $"could not wait for service {service}: {waited.LastErrorLine()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Teardown runs after stops and cancellations too, so it never uses the run's token.
        try
        {
            var down = await cli.ComposeAsync(["-p", launch.ProjectName, "-f", composeFile, "down", "-v", "--remove-orphans", "--timeout", "10"],
                launch.WorkingDirectory, launch.Variables, cli.DownTimeout, CancellationToken.None);
            if (!down.Succeeded)
            {
                StacksLog.TeardownProblem(logger, launch.ProjectName, down.LastErrorLine());
            }
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or Pipeline.RunFailedException)
        {
            StacksLog.TeardownProblem(logger, launch.ProjectName, ex.Message);
        }

        try
        {
            await cleaner.RemoveProjectAsync(launch.ProjectName, CancellationToken.None);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            StacksLog.TeardownProblem(logger, launch.ProjectName, ex.Message);
        }

        _docker?.Dispose();
        StacksLog.ComposeDown(logger, launch.ProjectName);
    }

    [GeneratedRegex(@"Exited \((-?\d+)\)")]
    private static partial Regex ExitCodePattern();
}
