using PerfFleet.Contracts.V1;
using Polly;
using Polly.Retry;

namespace PerfFleet.Worker.Heartbeats;

/// <summary>
/// The heartbeat's retry, a Polly pipeline on the host's <see cref="TimeProvider"/>: a heartbeat
/// that no coordinator took (null) or that failed unexpectedly is sent again after the heartbeat
/// interval, then twice that, four times, ... up to <see cref="MaxBackoff"/>, for as long as the
/// host runs: a worker that stopped trying would be thought dead by the fleet. No jitter: the
/// coordinators' liveness timeout is counted in intervals, and workers do not fail in step.
/// </summary>
public static class HeartbeatBackoff
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <param name="interval">The first wait, and the unit of the doubling.</param>
    /// <param name="time">The clock of the waits.</param>
    /// <param name="onRetry">Called for each failed heartbeat before its wait (for logs and metrics).</param>
    public static ResiliencePipeline<HeartbeatResponse?> Create(TimeSpan interval, TimeProvider time, Func<OnRetryArguments<HeartbeatResponse?>, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder<HeartbeatResponse?> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HeartbeatResponse?>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = interval,
                MaxDelay = MaxBackoff,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } when args.Context.CancellationToken.IsCancellationRequested => false,
                    { Exception: not null } => true,
                    { Result: null } => true,
                    _ => false,
                }),
                OnRetry = onRetry,
            })
            .Build();
}
