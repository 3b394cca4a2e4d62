using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Pipeline;

namespace PerfFleet.Worker.Stacks;

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
}
