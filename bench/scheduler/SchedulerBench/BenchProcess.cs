using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PerfFleet.Bench.Scheduler;

/// <summary>A dotnet process the benchmark started; its output lines go to a handler; killed with SIGKILL.</summary>
public sealed class BenchProcess : IDisposable
{
    private readonly Process process;

    private BenchProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public ConcurrentQueue<string> Errors { get; } = new();

    public static BenchProcess Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string>? onLine = null)
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
        var child = new BenchProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && child.Errors.Count < 200)
            {
                child.Errors.Enqueue(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>User + system CPU time from /proc, in seconds.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
