using System.Diagnostics;

namespace PerfFleet.Cli.Demo;

/// <summary>
/// One PerfFleet process the demo starts (a coordinator or a worker): `dotnet &lt;dll&gt;` with its
/// configuration in environment variables and its output in a log file. Disposing stops it:
/// SIGTERM first (a clean shutdown stops its stacks), then a kill after a grace period.
/// </summary>
public sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private bool closed;

    private DemoProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    public static DemoProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, name + ".log");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new DemoException($"could not start {name}");
        var started = new DemoProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => started.Write(e.Data);
        process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM: the host stops its services (workers tear their stacks down).
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            process.Dispose();
            lock (log)
            {
                closed = true;
                log.Dispose();
            }
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (!closed)
            {
                log.WriteLine(line);
            }
        }
    }
}
