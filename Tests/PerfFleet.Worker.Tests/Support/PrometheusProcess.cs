using System.Diagnostics;
using System.Globalization;
using PerfFleet.Testing.Net;

namespace PerfFleet.Worker.Tests.Support;

/// <summary>A real Prometheus (/usr/bin/prometheus) on a free port with its own config and TSDB directory.</summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _directory;

    private PrometheusProcess(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targetPort"/> on loopback every second.</summary>
    public static async Task<PrometheusProcess> StartAsync(int targetPort)
    {
        var directory = new TempDirectory();
        var config = directory.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: sut
                static_configs:
                  - targets: ["127.0.0.1:{targetPort.ToString(CultureInfo.InvariantCulture)}"]
            """);
        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo("/usr/bin/prometheus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("--config.file=" + config);
        startInfo.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        startInfo.ArgumentList.Add("--storage.tsdb.path=" + directory.Combine("data"));
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, directory, port);
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(prometheus.BaseAddress, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return prometheus;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await prometheus.DisposeAsync();
        throw new InvalidOperationException("prometheus did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _directory.Dispose();
    }
}
