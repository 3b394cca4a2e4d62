using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Stacks.Local;

/// <summary>
/// Runs a <c>local</c> stack: each service is <c>sh -c "run"</c> started through <c>setsid</c>, so
/// it leads its own process group and everything it forks can be killed together at the end.
/// </summary>
public sealed class LocalStackDriver(TimeProvider time, ILogger<LocalStackDriver> logger) : IStackDriver
{
    public bool CanRun(ScenarioStack stack) => !stack.IsCompose;

    public async Task<IRunningStack> StartAsync(StackLaunch launch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(launch.LogDirectory);
        var stack = new LocalRunningStack(launch.ProjectName, time, logger);
        try
        {
            foreach (var service in launch.Stack.Local)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stack.Add(Start(launch, service));
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    private LocalServiceProcess Start(StackLaunch launch, LocalService service)
    {
        var workingDirectory = Path.GetFullPath(Path.Combine(launch.WorkingDirectory, service.Cwd ?? "."));
        if (!Directory.Exists(workingDirectory))
        {
            throw new RunFailedException(RunPhase.StartingStack, $"service {service.Name}: its cwd \"{service.Cwd}\" does not exist in the checkout");
        }

        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("/bin/sh");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(service.Run);
        foreach (var (key, value) in launch.Variables.Concat(service.Env))
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new RunFailedException(RunPhase.StartingStack, $"service {service.Name} could not start: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var logPath = Path.Combine(launch.LogDirectory, service.Name + ".log");
        var pump = PumpAsync(process, logPath);
        StacksLog.LocalServiceStarted(logger, service.Name, launch.ProjectName, process.Id);
        return new LocalServiceProcess(service.Name, process, logPath, pump);
    }

    // Both streams go to one log file, so that the lines a service printed before it died can
    // be shown in the failure reason.
    private static async Task PumpAsync(Process process, string logPath)
    {
        await using var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        await using var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new SemaphoreSlim(1, 1);
        async Task Copy(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                await gate.WaitAsync();
                try
                {
                    await writer.WriteLineAsync(line);
                }
                finally
                {
                    gate.Release();
                }
            }
        }

        await Task.WhenAll(Copy(process.StandardOutput), Copy(process.StandardError));
    }
}
