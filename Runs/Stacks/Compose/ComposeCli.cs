using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Processes;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>
/// Runs docker and compose commands against the configured daemon: <c>docker compose</c> (v2) when
/// the plugin answers, else <c>docker-compose</c> (v1). The choice is made once per worker.
/// </summary>
public sealed class ComposeCli(IOptions<ComposeOptions> options)
{
    private readonly ComposeOptions _options = options.Value;
    private (string File, string[] Prefix)? _compose;

    public string DockerHost => _options.EffectiveDockerHost;

    public async Task<ProcessResult> ComposeAsync(IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> variables, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (file, prefix) = await DetectAsync(cancellationToken);
        var environment = new Dictionary<string, string>(variables) { ["DOCKER_HOST"] = DockerHost };
        return await ProcessRunner.RunAsync(file, [.. prefix, .. arguments], new ProcessRunOptions(workingDirectory, environment, timeout), cancellationToken);
    }

    public Task<ProcessResult> DockerAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        DockerAsync(arguments, _options.DownTimeout, cancellationToken);

    public Task<ProcessResult> DockerAsync(IReadOnlyList<string> arguments, TimeSpan? timeout, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(_options.DockerExecutable, arguments,
            new ProcessRunOptions(null, new Dictionary<string, string> { ["DOCKER_HOST"] = DockerHost }, timeout), cancellationToken);

    public TimeSpan UpTimeout => _options.UpTimeout;

    public TimeSpan DownTimeout => _options.DownTimeout;

    public string? SocketPath => _options.SocketPath;

    /// <summary>Which compose CLI this worker uses, e.g. "docker compose" or "docker-compose".</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var (file, prefix) = await DetectAsync(cancellationToken);
        return string.Join(' ', [file, .. prefix]);
    }

    private async Task<(string File, string[] Prefix)> DetectAsync(CancellationToken cancellationToken)
    {
        if (_compose is { } known)
        {
            return known;
        }

        // Two runs may detect at once; both find the same answer, so no lock is needed.
        if (await SucceedsAsync(_options.DockerExecutable, ["compose", "version"], cancellationToken))
        {
            _compose = (_options.DockerExecutable, ["compose"]);
        }
        else if (await SucceedsAsync(_options.ComposeV1Executable, ["version"], cancellationToken))
        {
            _compose = (_options.ComposeV1Executable, []);
        }
        else
        {
            throw new RunFailedException(RunPhase.StartingStack,
                "this worker has neither the \"docker compose\" v2 plugin nor \"docker-compose\" v1: install one, or use a local stack");
        }

        return _compose.Value;
    }

    private static async Task<bool> SucceedsAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(file, arguments, new ProcessRunOptions(Timeout: TimeSpan.FromSeconds(30)), cancellationToken);
            return result.Succeeded;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return false; // not installed, or hanging: either way not usable
        }
    }
}
