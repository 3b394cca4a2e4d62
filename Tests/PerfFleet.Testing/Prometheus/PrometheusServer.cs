using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PerfFleet.Testing.Net;

namespace PerfFleet.Testing.Prometheus;

/// <summary>
/// A real Prometheus (Debian's <c>/usr/bin/prometheus</c>) started for a test on a free loopback
/// port, scraping the given targets at the given interval; its data directory
/// is removed and the process killed on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static string? FindBinary() =>
        new[] { Environment.GetEnvironmentVariable("PERFFLEET_PROMETHEUS"), "/usr/bin/prometheus", "/usr/local/bin/prometheus" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets, TimeSpan scrapeInterval, string metricsPath = "/metrics")
    {
        var binary = FindBinary() ?? throw new InvalidOperationException("prometheus is not installed: apt-get install prometheus (or set PERFFLEET_PROMETHEUS)");
        var directory = Directory.CreateTempSubdirectory("perffleet-prom-").FullName;
        var interval = $"{(int)scrapeInterval.TotalMilliseconds}ms";
        var config = $"""
            global:
              scrape_interval: {interval}
              evaluation_interval: {interval}
            scrape_configs:
              - job_name: test
                metrics_path: {metricsPath}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """;
        var configPath = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config);
        var port = FreePort.Next();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--config.file={configPath}", $"--web.listen-address=127.0.0.1:{port}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", "--web.enable-lifecycle" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Runs an instant query and returns the first sample's value, or null when empty.</summary>
    public async Task<double?> QueryScalarAsync(string promql)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri(Address, "/api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var doc = JsonDocument.Parse(await http.GetStringAsync(url));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
        {
            return null;
        }

        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="promql"/> until it returns a value satisfying <paramref name="accept"/>.</summary>
    public async Task<double> WaitForAsync(string promql, Func<double, bool> accept, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        double? last = null;
        while (deadline.Elapsed < timeout)
        {
            last = await QueryScalarAsync(promql);
            if (last is { } v && accept(v))
            {
                return v;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"'{promql}' did not reach the expected value within {timeout}; last value: {last?.ToString(CultureInfo.InvariantCulture) ?? "none"}; targets: {await DescribeTargetsAsync()}");
    }

    /// <summary>Each scrape target's health and last error, for failure messages.</summary>
    public async Task<string> DescribeTargetsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(Address, "/api/v1/targets")));
        return string.Join("; ", doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => $"{t.GetProperty("scrapeUrl").GetString()} {t.GetProperty("health").GetString()} {t.GetProperty("lastError").GetString()}"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} at start-up");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"prometheus at {Address} was not ready within {timeout}");
    }
}
