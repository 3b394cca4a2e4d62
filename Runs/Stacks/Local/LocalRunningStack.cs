using Microsoft.Extensions.Logging;
using PerfFleet.Runs.Resources;

namespace PerfFleet.Runs.Stacks.Local;

/// <summary>The processes of a local stack; disposing kills every service's process group.</summary>
internal sealed class LocalRunningStack(string projectName, TimeProvider time, ILogger logger) : IRunningStack
{
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LogPumpGrace = TimeSpan.FromSeconds(2);
    private readonly List<LocalServiceProcess> _services = [];
    private int _disposed;

    public IResourceProbe Resources => new ProcessGroupProbe(_services.ToDictionary(s => s.Name, s => s.ProcessGroup));

    /// <summary>The process groups in start order (tests check that none is left).</summary>
    internal IReadOnlyList<int> ProcessGroupsForTests => [.. _services.Select(s => s.ProcessGroup)];

    public void Add(LocalServiceProcess service) => _services.Add(service);

    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        var exited = _services.FirstOrDefault(s => s.Process.HasExited);
        if (exited is null)
        {
            return null;
        }

        try
        {
            // A process can end before its last lines have been copied to its log, and those
            // lines (why it gave up) are what the user needs to read: give the copy a moment.
            await exited.LogPump.WaitAsync(LogPumpGrace, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A child that left the group may hold the pipe open: report what the log has.
        }

        return $"service {exited.Name} exited with code {exited.Process.ExitCode}; its last output: {exited.LogTail()}";
    }

    public async Task<int> WaitForServiceExitAsync(string service, CancellationToken cancellationToken)
    {
        var process = _services.FirstOrDefault(s => s.Name == service)
            ?? throw new InvalidOperationException($"the stack has no service \"{service}\"");
        await process.Process.WaitForExitAsync(cancellationToken);
        return process.Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Stop the services in reverse order of start (the load's target before its dependencies).
        foreach (var service in Enumerable.Reverse(_services))
        {
            if (await ProcessGroups.TerminateAsync(service.ProcessGroup, TerminationGrace, time))
            {
                StacksLog.Killing(logger, service.ProcessGroup, service.Name);
            }

            await service.Process.WaitForExitAsync(CancellationToken.None);
            try
            {
                // A process that left the group (a daemon that called setsid itself) may keep the
                // pipe open; its output is not worth a hung teardown.
                await service.LogPump.WaitAsync(TimeSpan.FromSeconds(5), time);
            }
            catch (TimeoutException)
            {
                StacksLog.TeardownProblem(logger, projectName, $"the output of {service.Name} is still open after its group was killed");
            }

            service.Process.Dispose();
        }

        StacksLog.LocalStackStopped(logger, projectName);
    }
}
