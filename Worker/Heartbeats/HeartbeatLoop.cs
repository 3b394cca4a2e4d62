using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Heartbeats;

/// <summary>
/// Sends <c>Fleet.Heartbeat</c> every interval to the first coordinator that answers and applies the
/// reply's Stop and Update commands. When every coordinator is down it backs off (up to
/// <see cref="MaxBackoff"/>) and keeps trying: the loop never ends before the host does.
/// </summary>
public sealed class HeartbeatLoop(
    CoordinatorPool coordinators,
    HeartbeatComposer composer,
    TestCommands commands,
    EpochTracker epochs,
    WorkerMetrics metrics,
    IHostApplicationLifetime lifetime,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<HeartbeatLoop> logger) : BackgroundService
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The advertised address needs the bound port, known only once Kestrel has started.
        await WhenStartedAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                var reply = await SendAsync(stoppingToken);
                if (reply is null)
                {
                    failures++;
                    metrics.HeartbeatFailed();
                    next = Backoff(failures);
                }
                else
                {
                    failures = 0;
                    metrics.HeartbeatSent();
                    Apply(reply);
                    next = reply.Interval is { } interval && interval.ToTimeSpan() is var asked && asked > TimeSpan.Zero
                        ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, TimeSpan.FromMilliseconds(50).Ticks, MaxBackoff.Ticks))
                        : options.Value.HeartbeatInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A bug in composing or applying must not end the heartbeats: the fleet would think this worker dead.
                HeartbeatLog.Unexpected(logger, ex);
                failures++;
                next = Backoff(failures);
            }

            try
            {
                await Task.Delay(next, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<HeartbeatResponse?> SendAsync(CancellationToken stoppingToken)
    {
        var request = composer.Compose();
        foreach (var address in coordinators.FailoverOrder())
        {
            try
            {
                var reply = await coordinators.Client(address).HeartbeatAsync(request, coordinators.CallOptions(stoppingToken));
                if (coordinators.Preferred != address)
                {
                    HeartbeatLog.Connected(logger, address);
                }

                coordinators.Succeeded(address);
                return reply;
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                HeartbeatLog.CoordinatorFailed(logger, address, ex.StatusCode, ex.Status.Detail);
            }
        }

        HeartbeatLog.AllDown(logger, coordinators.FailoverOrder().Count);
        return null;
    }

    private void Apply(HeartbeatResponse reply)
    {
        epochs.Observe(reply.Epoch);
        foreach (var stop in reply.Stop)
        {
            commands.Stop(stop.TestId, string.IsNullOrEmpty(stop.Reason) ? "stopped by the coordinator" : stop.Reason);
        }

        foreach (var update in reply.Update)
        {
            try
            {
                var duration = update.Duration?.ToTimeSpan();
                commands.ChangeRate(update.TestId, update.Rate, duration is { } d && d > TimeSpan.Zero ? d : null);
            }
            catch (RpcException ex)
            {
                HeartbeatLog.UpdateRefused(logger, update.TestId, update.Rate, ex.Status.Detail);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var interval = options.Value.HeartbeatInterval;
        var factor = Math.Pow(2, Math.Min(failures - 1, 10));
        return TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxBackoff.Ticks));
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
