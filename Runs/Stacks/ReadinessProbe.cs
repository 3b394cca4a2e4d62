using System.Text.Json;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;

namespace PerfFleet.Runs.Stacks;

/// <summary>Polls a stack's readiness URL until it answers 2xx, the stack breaks, or the timeout passes.</summary>
public sealed class ReadinessProbe(HttpClient http, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    public async Task WaitAsync(Uri url, TimeSpan timeout, IRunningStack stack, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastProblem = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await stack.FindProblemAsync(cancellationToken) is { } broken)
            {
                throw new RunFailedException(RunPhase.StartingStack, $"the stack broke before {url} was ready: {broken}");
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(RequestTimeout);
                try
                {
                    using var response = await http.GetAsync(url, attempt.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    lastProblem = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException ex)
                {
                    lastProblem = ex.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = $"no answer within {RequestTimeout.TotalSeconds:0}s";
                }
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new RunFailedException(RunPhase.StartingStack,
                    $"the stack was not ready within {timeout.TotalSeconds:0}s: {url} last said: {lastProblem} (raise stack.ready_timeout if it needs longer)");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until a ready Prometheus has scraped each of its active targets once. Prometheus
    /// applies its targets only after the discovery manager's first update, up to about 5 s after
    /// it says it is ready: a short measured window can pass before the first scrape, and its
    /// queries then answer with empty series. Returns false (it is best effort) when the timeout passes first.
    /// </summary>
    public async Task<bool> WaitForFirstScrapesAsync(Uri prometheus, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var targets = new Uri(prometheus, "api/v1/targets?state=active");
        while (time.GetElapsedTime(started) < timeout)
        {
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(RequestTimeout);
                try
                {
                    using var response = await http.GetAsync(targets, attempt.Token);
                    if (response.IsSuccessStatusCode && AllScraped(await response.Content.ReadAsStringAsync(attempt.Token)))
                    {
                        return true;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Not answering yet, or not a Prometheus (JSON of another shape makes the
                    // JsonElement accessors throw InvalidOperationException): try again until the timeout.
                }
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return false;
    }

    /// <summary>True when there is at least one active target and none is still "unknown" (never scraped).</summary>
    private static bool AllScraped(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("activeTargets", out var active) || active.GetArrayLength() == 0)
        {
            return false;
        }

        return active.EnumerateArray().All(t => t.TryGetProperty("health", out var health) && health.GetString() != "unknown");
    }
}
