using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.SimulatedWorker;

/// <summary>
/// "Runs" an accepted test: waits the configured run time (or until told to stop), then streams
/// a small but well-formed report with Fleet.ReportResults to any coordinator that answers.
/// </summary>
public sealed class SimulatedRunner(WorkerState state, CoordinatorConnections connections, SimulatedWorkerOptions options, TimeProvider time)
{
    /// <summary>How long a finished test keeps trying to reach a coordinator before it is dropped.</summary>
    private static readonly TimeSpan ReportPatience = TimeSpan.FromMinutes(2);

    public void Attach(CancellationToken stopping) => state.Accepted += run =>
    {
        // The benchmark measures schedule → accepted from these lines (same machine clock).
        Console.WriteLine($"ACCEPTED {state.Id} {run.Test.Id} {run.Test.Attempts} {time.GetUtcNow().ToUnixTimeMilliseconds()}");
        _ = RunAsync(run, stopping);
    };

    private async Task RunAsync(SimulatedRun run, CancellationToken stopping)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Stopped, stopping);
            try
            {
                await Task.Delay(options.RunTime, time, linked.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                // Told to stop: report Stopped below.
            }

            run.Reporting = true;
            await ReportAsync(run, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The process is shutting down.
        }
        finally
        {
            state.Remove(run);
        }
    }

    private async Task ReportAsync(SimulatedRun run, CancellationToken stopping)
    {
        var chunks = Report(run);
        var deadline = time.GetUtcNow() + ReportPatience;
        var attempt = 0;
        while (time.GetUtcNow() < deadline)
        {
            var address = run.Coordinators[attempt++ % run.Coordinators.Count];
            try
            {
                using var call = connections.Fleet(address).ReportResults(connections.Call(TimeSpan.FromSeconds(10), stopping));
                foreach (var chunk in chunks)
                {
                    await call.RequestStream.WriteAsync(chunk, stopping);
                }

                await call.RequestStream.CompleteAsync();
                await call.ResponseAsync;
                Console.WriteLine($"REPORTED {state.Id} {run.Test.Id} {run.Test.Attempts}");
                return;
            }
            catch (RpcException ex) when (CoordinatorConnections.TryAnother(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stopping);
            }
            catch (RpcException ex)
            {
                // FAILED_PRECONDITION: the test was given to another worker; nothing to keep.
                Console.WriteLine($"DROPPED {state.Id} {run.Test.Id} {ex.StatusCode}");
                return;
            }
        }
    }

    private List<ResultChunk> Report(SimulatedRun run)
    {
        var end = time.GetUtcNow();
        var start = run.StartedAt;
        var series = new Series { Labels = { ["instance"] = "simulated" } };
        for (var i = 0; i < 10; i++)
        {
            series.Samples.Add(new Sample { Time = Timestamp.FromDateTimeOffset(start + ((end - start) * i / 10)), Value = 10 + (i % 3) });
        }

        var query = new QueryResult { Name = "p99_latency_ms", Promql = "simulated", Better = Better.Lower, ThresholdPercent = 10 };
        query.Series.Add(series);
        var final = run.StopReason is null
            ? new ResultFinal { Status = TestStatus.Completed, FinishedAt = Timestamp.FromDateTimeOffset(end) }
            : new ResultFinal { Status = TestStatus.Stopped, Reason = run.StopReason, FinishedAt = Timestamp.FromDateTimeOffset(end) };
        return
        [
            new ResultChunk { Header = new ResultHeader { TestId = run.Test.Id, Attempt = run.Test.Attempts, Epoch = run.Epoch, WorkerId = state.Id, StartedAt = Timestamp.FromDateTimeOffset(start) } },
            new ResultChunk
            {
                Summary = new LoadSummary
                {
                    WindowStart = Timestamp.FromDateTimeOffset(start),
                    WindowEnd = Timestamp.FromDateTimeOffset(end),
                    RequestedRate = run.Test.Spec.Rate,
                    Total = new LoadStats { Requests = 100, Responses = 100, AchievedRate = run.Test.Spec.Rate, StatusCodes = { [200] = 100 } },
                },
            },
            new ResultChunk { Query = query },
            new ResultChunk { Final = final },
        ];
    }
}
