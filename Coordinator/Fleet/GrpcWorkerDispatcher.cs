using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PerfFleet.Common.Tracing;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Hosting;
using PerfFleet.Coordinator.LoadTests;
using PerfFleet.Coordinator.Scheduling;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Telemetry;

namespace PerfFleet.Coordinator.Fleet;

/// <summary>
/// The leader's <c>Worker.Start</c> call for a test it has just written as Assigned. It tells the
/// worker the free quota the leader saw in its last heartbeat, so the worker can tell Shadower's
/// three cases apart, and maps the answer to a <see cref="DispatchOutcome"/>.
/// </summary>
public sealed class GrpcWorkerDispatcher(WorkerClients workers, RunLinks links, IOptions<CoordinatorOptions> options, RepositoryQuotas quotas, CoordinatorMetrics metrics, TimeProvider time) : IWorkerDispatcher
{
    public async Task<DispatchResult> StartAsync(WorkerEntity worker, LoadTestEntity test, long epoch, CancellationToken cancellationToken)
    {
        // The client span of Worker.Start is its child, and carries the trace to the worker's run.
        using var span = PerfFleetTracing.Source.StartActivity("dispatch test", ActivityKind.Internal);
        span?.SetTag(PerfFleetTracing.TestIdTag, test.Id.ToString()).SetTag(PerfFleetTracing.AttemptTag, test.Attempts).SetTag("perffleet.worker.id", worker.Id);
        var result = await CallStartAsync(worker, test, epoch, cancellationToken);
        span?.SetTag("perffleet.dispatch.outcome", result.Outcome.ToString());
        metrics.Dispatches.Add(1, new KeyValuePair<string, object?>("outcome", StorageNaming.ToSnakeCase(result.Outcome.ToString())));
        if (result.Outcome == DispatchOutcome.Accepted)
        {
            metrics.ScheduleToStart.Record((time.GetUtcNow() - test.CreatedAt).TotalSeconds);
        }

        return result;
    }

    private async Task<DispatchResult> CallStartAsync(WorkerEntity worker, LoadTestEntity test, long epoch, CancellationToken cancellationToken)
    {
        var request = new StartRequest
        {
            Test = test.ToProto(links),
            Epoch = epoch,
            ExpectedFree = new Quota
            {
                ConcurrentTests = worker.CapacityConcurrentTests - worker.UsedConcurrentTests,
                RequestRate = worker.CapacityRequestRate - worker.UsedRequestRate,
                Cores = worker.CapacityCores - worker.UsedCores,
            },
            Required = new Quota { ConcurrentTests = 1, RequestRate = test.Rate ?? 0 },
            Limits = Limits(quotas.For(test.Repository ?? string.Empty)),
        };
        request.Coordinators.Add(CoordinatorAddress(options.Value));
        try
        {
            var answer = await workers.For(worker.Address).StartAsync(request, workers.Options(time, cancellationToken));
            return answer.Accepted ? DispatchResult.Accepted : new DispatchResult(DispatchOutcome.QuotaExhausted, "the worker declined the test");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            return new DispatchResult(DispatchOutcome.QuotaExhausted, ex.Status.Detail);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted)
        {
            return new DispatchResult(DispatchOutcome.EpochRejected, ex.Status.Detail);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            return new DispatchResult(DispatchOutcome.Refused, ex.Status.Detail);
        }
        catch (RpcException ex)
        {
            return new DispatchResult(DispatchOutcome.Unreachable, $"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    // The worker alone reads the scenario file, so it checks the file against the test's repository's limits.
    private static TestLimits Limits(QuotaLimits limits) => new()
    {
        MaxRate = limits.MaxRate.Value,
        MaxRateSetting = limits.MaxRate.Setting,
        MaxDuration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(limits.MaxDuration.Value),
        MaxDurationSetting = limits.MaxDuration.Setting,
    };

    public static string CoordinatorAddress(CoordinatorOptions options) =>
        options.AdvertisedAddress ?? $"http://127.0.0.1:{options.GrpcPort}";
}
