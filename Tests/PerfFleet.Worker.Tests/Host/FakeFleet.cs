using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>A coordinator's Fleet service that records what the worker sends and answers as the test says.</summary>
public sealed class FakeFleet(FakeFleetState state) : Fleet.FleetBase
{
    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        state.Authorizations.Enqueue(context.RequestHeaders.GetValue("authorization"));
        state.Heartbeats.Enqueue(request);
        var reply = new HeartbeatResponse { Epoch = state.Epoch };
        while (state.PendingStops.TryDequeue(out var stop))
        {
            reply.Stop.Add(stop);
        }

        return Task.FromResult(reply);
    }

    public override async Task<ReportResultsResponse> ReportResults(IAsyncStreamReader<ResultChunk> requestStream, ServerCallContext context)
    {
        state.CountReportCall();
        var chunks = new List<ResultChunk>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            chunks.Add(requestStream.Current);
        }

        if (state.ReportFailure is { } failure)
        {
            throw new RpcException(new Status(failure, "the test was re-assigned"));
        }

        var duplicate = state.Reports.Any(r => r[0].Header.TestId == chunks[0].Header.TestId && r[0].Header.Attempt == chunks[0].Header.Attempt);
        state.Reports.Enqueue(chunks);
        return new ReportResultsResponse { Accepted = true, Duplicate = duplicate, TestId = chunks[0].Header.TestId };
    }
}
