using System.ComponentModel.DataAnnotations;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>Server options, named and shaped as Grpc.AspNetCore's. Configure with services.AddGrpc(o => ...).</summary>
public class GrpcServiceOptions
{
    /// <summary>Largest request message accepted (bytes); null = no limit. Bigger messages end the call with RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent (bytes); null = no limit.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Send exception messages to clients in UNKNOWN statuses. Off by default: exception text can leak internals.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Run around every call, in order (e.g. to check a bearer token and throw UNAUTHENTICATED).</summary>
    public InterceptorCollection Interceptors { get; } = [];
}
