using Grpc.Core;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>Assertions on the gRPC status a call ends with.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode expected, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == expected, $"expected {expected}, got {ex.StatusCode}: {ex.Status.Detail}");
        return ex;
    }

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/> in the detail and in the <c>perffleet-field</c> trailer.</summary>
    public static async Task<RpcException> InvalidArgumentAsync(string field, Func<Task> call)
    {
        var ex = await FailsAsync(StatusCode.InvalidArgument, call);
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(field, ex.Trailers.GetValue(ApiErrors.FieldTrailer));
        return ex;
    }
}
