using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using PerfFleet.Contracts.Errors;

namespace PerfFleet.Coordinator.Api;

/// <summary>
/// The gRPC errors the APIs answer with: status codes a client can act on (DESIGN.md "gRPC
/// services"). INVALID_ARGUMENT also names the field in a <c>perffleet-field</c> trailer, so
/// the CLI can point at the flag.
/// </summary>
public static class ApiErrors
{
    public const string FieldTrailer = ErrorTrailers.Field;

    [DoesNotReturn]
    public static void InvalidArgument(string field, string problem) => throw InvalidArgumentError(field, problem);

    /// <summary>The INVALID_ARGUMENT error itself, for <c>?? throw</c> and switch expressions.</summary>
    public static RpcException InvalidArgumentError(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"), new Metadata { { FieldTrailer, field } });

    public static RpcException ResourceExhaustedError(string why) => new(new Status(StatusCode.ResourceExhausted, why));

    [DoesNotReturn]
    public static void NotFound(string what) => throw new RpcException(new Status(StatusCode.NotFound, what));

    [DoesNotReturn]
    public static void AlreadyExists(string what) => throw new RpcException(new Status(StatusCode.AlreadyExists, what));

    [DoesNotReturn]
    public static void FailedPrecondition(string why) => throw new RpcException(new Status(StatusCode.FailedPrecondition, why));

    [DoesNotReturn]
    public static void ResourceExhausted(string why) => throw ResourceExhaustedError(why);

    [DoesNotReturn]
    public static void Unauthenticated(string why) => throw new RpcException(new Status(StatusCode.Unauthenticated, why));

    [DoesNotReturn]
    public static void PermissionDenied(string why) => throw new RpcException(new Status(StatusCode.PermissionDenied, why));

    [DoesNotReturn]
    public static void Unavailable(string why) => throw new RpcException(new Status(StatusCode.Unavailable, why));

    /// <summary>Parses a test id, or answers INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static Guid ParseId(string? value, string field = "id")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            InvalidArgument(field, "is required");
        }

        if (!Guid.TryParse(value, out var id))
        {
            InvalidArgument(field, $"'{Truncate(value)}' is not a test id (a UUID such as 3f2c1a9e-...)");
        }

        return id;
    }

    public static string Truncate(string value, int max = 80) => value.Length <= max ? value : value[..max] + "…";
}
