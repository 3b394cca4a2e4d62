using System.Collections.Concurrent;
using System.Diagnostics;

namespace PerfFleet.Coordinator.Tests.MultiProcess;

/// <summary>
/// A process a test started (a coordinator or a simulated worker): output kept for failure
/// messages, and always killed — with SIGKILL, as a crash would — when the test is done.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Lines written so far, stdout and stderr interleaved.</summary>
    public IReadOnlyCollection<string> Output => output;

    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>kill -9: no shutdown hooks run, sockets are closed by the kernel.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Sends a signal by name (STOP freezes the process as a VM pause would, CONT resumes it); nothing when it has exited.</summary>
    public void Signal(string name)
    {
        if (process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public string Describe() => $"{Name} (pid {process.Id}{(process.HasExited ? $", exited {process.ExitCode}" : string.Empty)}):\n  " + string.Join("\n  ", output.TakeLast(40));

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 500)
        {
            output.TryDequeue(out _);
        }
    }
}
