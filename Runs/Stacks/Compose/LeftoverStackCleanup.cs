using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>
/// At worker start-up, removes <c>pf-*</c> compose projects a previous worker process left behind
/// (it died mid-run): their tests were re-scheduled elsewhere, and they hold ports and memory.
/// </summary>
public sealed class LeftoverStackCleanup(ComposeProjectCleaner cleaner, ILogger<LeftoverStackCleanup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cleaner.RemoveLeftoversAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // No Docker on this host (local stacks only) is a normal configuration.
            StacksLog.DockerUnavailable(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
