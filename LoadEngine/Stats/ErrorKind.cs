namespace PerfFleet.LoadEngine.Stats;

/// <summary>Why a request failed; the summary's <c>errors_by_kind</c> uses <see cref="ErrorKinds.Name"/>.</summary>
public enum ErrorKind
{
    /// <summary>The connection could not be opened (refused, unreachable, DNS).</summary>
    Connect,

    /// <summary>No complete answer within the request's timeout.</summary>
    Timeout,

    /// <summary>The connection broke while sending or receiving.</summary>
    Io,

    /// <summary>The answer was not valid HTTP (or gRPC framing).</summary>
    Protocol,

    /// <summary>An HTTP 5xx answer.</summary>
    ServerError,

    /// <summary>A gRPC answer whose grpc-status was not OK.</summary>
    GrpcStatus,

    /// <summary>Still in flight when the run was stopped and the grace period ran out.</summary>
    Cancelled,
}

public static class ErrorKinds
{
    public static int Count { get; } = Enum.GetValues<ErrorKind>().Length;

    public static string Name(ErrorKind kind) => kind switch
    {
        ErrorKind.Connect => "connect",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Io => "io",
        ErrorKind.Protocol => "protocol",
        ErrorKind.ServerError => "http_5xx",
        ErrorKind.GrpcStatus => "grpc_status",
        ErrorKind.Cancelled => "cancelled",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
