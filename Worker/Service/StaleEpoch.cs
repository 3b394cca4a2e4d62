using Grpc.Core;

namespace PerfFleet.Worker.Service;

/// <summary>
/// The answer to a call from a former leader: ABORTED, a code of its own, so the leader knows it
/// is stale (and stops) rather than that the worker refused the test for its own state, which is
/// FAILED_PRECONDITION.
/// </summary>
public static class StaleEpoch
{
    public static RpcException Refusal(long epoch, long highest, string consequence) =>
        new(new Status(StatusCode.Aborted, $"epoch {epoch} is older than epoch {highest} this worker has seen: {consequence}"));
}
