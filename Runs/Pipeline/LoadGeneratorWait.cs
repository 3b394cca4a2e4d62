using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Stacks;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// Boulder's design: a compose service of the stack makes the load; the measured window is from
/// the stack being ready until that service exits, and a non-zero exit fails the run.
/// </summary>
public static class LoadGeneratorWait
{
    public static async Task RunAsync(IRunningStack stack, string service, CancellationToken cancellationToken)
    {
        var exitCode = await stack.WaitForServiceExitAsync(service, cancellationToken);
        if (exitCode != 0)
        {
            throw new RunFailedException(RunPhase.Measuring, $"the load generator service \"{service}\" exited with code {exitCode}; see its output with the stack's logs");
        }
    }
}
