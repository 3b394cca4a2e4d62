using Grpc.Core;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>The admin token check the real coordinator does: an admin token, and a read-only token that may not change anything.</summary>
public sealed class BearerTokens(string adminToken, string readOnlyToken)
{
    public void RequireRead(ServerCallContext context)
    {
        var token = Token(context);
        if (token != adminToken && token != readOnlyToken)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing or invalid bearer token"));
        }
    }

    public void RequireWrite(ServerCallContext context)
    {
        RequireRead(context);
        if (Token(context) != adminToken)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "this token may only read"));
        }
    }

    private static string? Token(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }
}
