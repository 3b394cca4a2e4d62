using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using PerfFleet.Testing.Net;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>
/// `git daemon` serving the repositories under a directory on a free loopback port: workers in
/// their containers fetch over the network (host networking) as they fetch from a real remote.
/// </summary>
public sealed class GitDaemon : IDisposable
{
    private readonly Process _process;

    private GitDaemon(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The git:// URL of the repository directory <paramref name="name"/> under the base path.</summary>
    public string UrlOf(string name) => $"git://127.0.0.1:{Port}/{name}";

    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "daemon", "--reuseaddr", "--export-all", "--informative-errors", "--listen=127.0.0.1",
            "--port=" + port.ToString(CultureInfo.InvariantCulture), "--base-path=" + basePath, basePath,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git daemon");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new GitDaemon(process, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return daemon;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        daemon.Dispose();
        throw new InvalidOperationException($"git daemon did not listen on 127.0.0.1:{port} within 10 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
