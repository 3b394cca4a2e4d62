using System.Diagnostics;
using PerfFleet.Testing;
using PerfFleet.Testing.Net;

namespace PerfFleet.Worker.Tests.Support;

/// <summary>The sample service (samples/SampleService) started as a real process on a free loopback port.</summary>
public sealed class SampleServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SampleServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The built sample-service.dll of the same configuration as the tests.</summary>
    public static string DllPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(TestPaths.RepositoryRoot, "samples", "SampleService", "bin", configuration, "net10.0", "sample-service.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build samples/SampleService first", path);
        }
    }

    public static async Task<SampleServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(DllPath);
        startInfo.Environment["PERFFLEET_PORT_SUT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["ASPNETCORE_URLS"] = string.Empty;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new SampleServiceProcess(process, port);
        using var http = new HttpClient();
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(service.BaseAddress, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await service.DisposeAsync();
        throw new InvalidOperationException("the sample service did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
