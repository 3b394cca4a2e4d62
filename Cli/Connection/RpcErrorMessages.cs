using Grpc.Core;
using PerfFleet.Contracts.Errors;

namespace PerfFleet.Cli.Connection;

/// <summary>Turns a failed call into the one line a user (or a CI log) reads on stderr.</summary>
public static class RpcErrorMessages
{
    public static string OneLine(RpcException exception, Uri coordinator)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var detail = Flatten(exception.Status.Detail);
        return exception.StatusCode switch
        {
            StatusCode.Unavailable => $"error: coordinator unavailable at {coordinator}: {detail}",
            StatusCode.NotFound => $"error: not found: {detail}",
            StatusCode.Unauthenticated => $"error: unauthenticated: {detail} (check --token or {GlobalOptions.TokenVariable})",
            StatusCode.InvalidArgument => InvalidArgument(exception, detail),
            StatusCode.PermissionDenied => $"error: permission denied: {detail}",
            StatusCode.ResourceExhausted => $"error: resource exhausted: {detail}",
            StatusCode.FailedPrecondition => $"error: failed precondition: {detail}",
            StatusCode.DeadlineExceeded => $"error: the coordinator at {coordinator} did not answer in time",
            _ => $"error: {exception.StatusCode}: {detail}",
        };
    }

    private static string InvalidArgument(RpcException exception, string detail)
    {
        var field = exception.Trailers.GetValue(ErrorTrailers.Field);
        return string.IsNullOrEmpty(field) || detail.Contains(field, StringComparison.Ordinal)
            ? $"error: invalid argument: {detail}"
            : $"error: invalid argument: field {field}: {detail}";
    }

    // One line, whatever the server put in the status message.
    private static string Flatten(string detail) =>
        string.IsNullOrWhiteSpace(detail) ? "(no detail)" : string.Join(' ', detail.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
