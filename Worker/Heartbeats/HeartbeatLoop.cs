using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;
using Polly.Retry;

namespace PerfFleet.Worker.Heartbeats;

/// <summary>
/// Sends <c>Fleet.Heartbeat</c> every interval to the first coordinator that answers and applies the
/// reply's Stop and Update commands. When every coordinator is down it backs off
/// (<see cref="HeartbeatBackoff"/>, up to 30 s) and keeps trying: the loop never ends before the
/// host does.
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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The advertised address needs the bound port, known only once Kestrel has started.
        await WhenStartedAsync(stoppingToken);
        var untilTaken = HeartbeatBackoff.Create(options.Value.HeartbeatInterval, time, OnFailed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var reply = await untilTaken.ExecuteAsync(SendAndApplyAsync, stoppingToken);
                await Task.Delay(NextInterval(reply), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async ValueTask<HeartbeatResponse?> SendAndApplyAsync(CancellationToken stoppingToken)
    {
        var reply = await SendAsync(stoppingToken);
        if (reply is not null)
        {
            metrics.HeartbeatSent();
            Apply(reply);
        }

        return reply;
    }

    private ValueTask OnFailed(OnRetryArguments<HeartbeatResponse?> failed)
    {
        if (failed.Outcome.Exception is { } ex)
        {
            // A bug in composing or applying must not end the heartbeats: the fleet would think this worker dead.
            HeartbeatLog.Unexpected(logger, ex);
        }
        else
        {
            metrics.HeartbeatFailed();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The coordinator may ask for another interval (within 50 ms and the longest backoff).</summary>
    private TimeSpan NextInterval(HeartbeatResponse? reply) =>
        reply?.Interval is { } interval && interval.ToTimeSpan() is var asked && asked > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, TimeSpan.FromMilliseconds(50).Ticks, HeartbeatBackoff.MaxBackoff.Ticks))
            : options.Value.HeartbeatInterval;

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

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
