using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;

namespace PerfFleet.Worker.Reporting;

/// <summary>
/// Streams a finished run to a coordinator with <c>Fleet.ReportResults</c>, failing over through
/// the coordinators (those the Start request named first) for a bounded number of rounds with
/// backoff. The report is idempotent per (test, attempt): <c>duplicate</c> is success, and
/// FAILED_PRECONDITION means the test was re-assigned: not ours any more, never retried.
/// </summary>
public sealed class FleetResultSink(
    CoordinatorPool coordinators,
    ActiveTestRegistry registry,
    EpochTracker epochs,
    WorkerEndpoints endpoints,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<FleetResultSink> logger) : IResultSink
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    public async Task ReportAsync(RunResult result, CancellationToken cancellationToken)
    {
        var test = registry.TryGet(result.TestId, out var active) && active.Attempt == result.Attempt ? active : null;
        var epoch = test?.Epoch ?? epochs.Highest;
        var chunks = result.ToChunks(epoch, endpoints.WorkerId).ToList();
        var rounds = options.Value.ReportAttempts;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var address in coordinators.FailoverOrder(test?.ReportTo))
            {
                try
                {
                    var answer = await SendAsync(address, chunks, cancellationToken);
                    coordinators.Succeeded(address);
                    metrics.ResultReported();
                    ReportingLog.Reported(logger, result.TestId, result.Attempt, epoch, result.Status, address, answer.Duplicate);
                    return;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    metrics.ResultFailed();
                    ReportingLog.NotOurs(logger, result.TestId, result.Attempt, epoch, ex.Status.Detail);
                    return;
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.Unauthenticated or StatusCode.ResourceExhausted)
                {
                    // Another coordinator would refuse the same bytes for the same reason.
                    metrics.ResultFailed();
                    ReportingLog.Refused(logger, result.TestId, result.Attempt, epoch, ex.StatusCode, ex.Status.Detail);
                    return;
                }
                catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    ReportingLog.CoordinatorFailed(logger, result.TestId, result.Attempt, epoch, address, ex.StatusCode, ex.Status.Detail);
                }
            }

            if (round < rounds)
            {
                await Task.Delay(FirstBackoff * Math.Pow(2, round - 1), time, cancellationToken);
            }
        }

        metrics.ResultFailed();
        ReportingLog.GaveUp(logger, result.TestId, result.Attempt, epoch, rounds);
    }

    private async Task<ReportResultsResponse> SendAsync(string address, IReadOnlyList<ResultChunk> chunks, CancellationToken cancellationToken)
    {
        using var call = coordinators.Client(address).ReportResults(coordinators.CallOptions(cancellationToken, options.Value.ReportTimeout));
        try
        {
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(chunk, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            // A broken write (connection refused or reset) shows its real status in the response.
            ReportingLog.WriteFailed(logger, address, ex.Message);
        }

        return await call.ResponseAsync;
    }
}
