namespace PerfFleet.ServiceDefaults.Grpc;

/// <summary>
/// The gRPC services anyone may call without a token: health (probes carry no credentials) and
/// reflection (it tells only what the public protos in the repository say). Every other method
/// goes through the host's token check.
/// </summary>
public static class AnonymousGrpcServices
{
    private static readonly string[] Prefixes =
    [
        "/grpc.health.v1.Health/",
        "/grpc.reflection.v1.ServerReflection/",
        "/grpc.reflection.v1alpha.ServerReflection/",
    ];

    public static bool Contains(string method) =>
        Prefixes.Any(prefix => method.StartsWith(prefix, StringComparison.Ordinal));
}
