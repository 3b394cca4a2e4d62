using Microsoft.AspNetCore.Http;
using PerfFleet.Contracts.Grpc.Server;

namespace Grpc.Core;

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core request behind a call (connection, user, TLS client certificate...).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext is HttpContextServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException("This ServerCallContext does not come from an ASP.NET Core request.");
    }
}
