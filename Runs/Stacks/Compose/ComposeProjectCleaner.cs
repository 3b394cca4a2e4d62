using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>
/// Removes compose projects by their labels with the plain docker CLI: works without the compose
/// file (a worker that restarted no longer has the checkout) and with both compose versions.
/// </summary>
public sealed class ComposeProjectCleaner(ComposeCli cli, ILogger<ComposeProjectCleaner> logger)
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";
    public const string ProjectPrefix = "pf-";

    /// <summary>Names of the compose projects with a <c>pf-</c> name that have containers, networks or volumes.</summary>
    public async Task<IReadOnlyList<string>> FindLeftoverProjectsAsync(CancellationToken cancellationToken)
    {
        var format = $"{{{{.Label \"{ProjectLabel}\"}}}}";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listing in new[] { new[] { "ps", "-a" }, ["network", "ls"], ["volume", "ls"] })
        {
            var result = await cli.DockerAsync([.. listing, "--filter", "label=" + ProjectLabel, "--format", format], cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"docker {string.Join(' ', listing)} failed: {result.LastErrorLine()}");
            }

            names.UnionWith(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(n => n.StartsWith(ProjectPrefix, StringComparison.Ordinal)));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>Removes the worker's leftover projects (start-up); returns their names.</summary>
    public async Task<IReadOnlyList<string>> RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var projects = await FindLeftoverProjectsAsync(cancellationToken);
        foreach (var project in projects)
        {
            await RemoveProjectAsync(project, cancellationToken);
            StacksLog.LeftoverRemoved(logger, project);
        }

        return projects;
    }

    /// <summary>Force-removes a project's containers (with anonymous volumes), networks and volumes.</summary>
    public async Task RemoveProjectAsync(string project, CancellationToken cancellationToken)
    {
        var filter = $"label={ProjectLabel}={project}";
        var containers = await ListAsync(["ps", "-aq", "--filter", filter], cancellationToken);
        if (containers.Count > 0)
        {
            await RequireAsync(["rm", "-f", "-v", .. containers], cancellationToken);
        }

        var networks = await ListAsync(["network", "ls", "-q", "--filter", filter], cancellationToken);
        if (networks.Count > 0)
        {
            await RequireAsync(["network", "rm", .. networks], cancellationToken);
        }

        var volumes = await ListAsync(["volume", "ls", "-q", "--filter", filter], cancellationToken);
        if (volumes.Count > 0)
        {
            await RequireAsync(["volume", "rm", "-f", .. volumes], cancellationToken);
        }
    }

    private async Task<IReadOnlyList<string>> ListAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await cli.DockerAsync(arguments, cancellationToken);
        return result.Succeeded
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {result.LastErrorLine()}");
    }

    private async Task RequireAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await cli.DockerAsync(arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments.Take(3))} failed: {result.LastErrorLine()}");
        }
    }
}
