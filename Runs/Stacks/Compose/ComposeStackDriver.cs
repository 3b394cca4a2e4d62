using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>
/// Runs a <c>compose</c> stack as project <c>pf-&lt;id&gt;</c>, with the PERFFLEET_* variables in
/// the compose process's environment so the compose file can use <c>${PERFFLEET_PORT_SUT}</c>.
/// </summary>
public sealed class ComposeStackDriver(ComposeCli cli, ComposeProjectCleaner cleaner, ILogger<ComposeStackDriver> logger) : IStackDriver
{
    public bool CanRun(ScenarioStack stack) => stack.IsCompose;

    public async Task<IRunningStack> StartAsync(StackLaunch launch, CancellationToken cancellationToken)
    {
        var composeFile = Path.GetFullPath(Path.Combine(launch.WorkingDirectory, launch.Stack.Compose!));
        if (!File.Exists(composeFile))
        {
            throw new RunFailedException(RunPhase.StartingStack, $"the compose file {launch.Stack.Compose} is not in the repository at this commit");
        }

        var describe = await cli.DescribeAsync(cancellationToken);
        var stack = new ComposeRunningStack(cli, cleaner, launch, composeFile, logger);
        try
        {
            var result = await cli.ComposeAsync(["-p", launch.ProjectName, "-f", composeFile, "up", "-d", "--remove-orphans"],
                launch.WorkingDirectory, launch.Variables, cli.UpTimeout, cancellationToken);
            if (!result.Succeeded)
            {
                throw new RunFailedException(RunPhase.StartingStack, $"the compose stack did not start ({describe} up): {result.LastErrorLine()}");
            }
        }
        catch (TimeoutException ex)
        {
            await stack.DisposeAsync();
            throw new RunFailedException(RunPhase.StartingStack, $"the compose stack did not start within {cli.UpTimeout}", ex);
        }
        catch
        {
            // Whatever came up before the failure (or the cancellation) must not outlive it.
            await stack.DisposeAsync();
            throw;
        }

        StacksLog.ComposeUp(logger, launch.ProjectName, describe);
        return stack;
    }
}
