using Grpc.Core;

namespace PerfFleet.Cli;

/// <summary>
/// The process exit codes scripts can rely on. Values are part of the CLI's contract
/// (documented in Cli/README.md and `perffleet --help`): never renumber, only add.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int Regression = 3;
    public const int TestFailed = 4;
    public const int TestStopped = 5;
    public const int InputError = 6;
    public const int Unavailable = 10;
    public const int NotFound = 11;
    public const int Unauthenticated = 12;
    public const int InvalidArgument = 13;
    public const int PermissionDenied = 14;
    public const int ResourceExhausted = 15;
    public const int FailedPrecondition = 16;
    public const int DeadlineExceeded = 17;
    public const int Undecided = 18;

    /// <summary>Code and meaning, in the order `--help` and the README list them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Documented { get; } =
    [
        (Ok, "success"),
        (Error, "unexpected error (other gRPC status)"),
        (Usage, "bad flags or arguments (usage error)"),
        (Regression, "get, compare or run --fail-on-regression: the verdict is regression"),
        (TestFailed, "watch, run or bisect: a test ended FAILED"),
        (TestStopped, "watch or bisect: a test ended STOPPED"),
        (InputError, "a local input file is missing or malformed"),
        (Unavailable, "UNAVAILABLE: the coordinator cannot be reached"),
        (NotFound, "NOT_FOUND: no such test or repository"),
        (Unauthenticated, "UNAUTHENTICATED: missing or wrong token"),
        (InvalidArgument, "INVALID_ARGUMENT: the server rejected a field"),
        (PermissionDenied, "PERMISSION_DENIED: a read-only token on a command that changes state"),
        (ResourceExhausted, "RESOURCE_EXHAUSTED: quota or size limit"),
        (FailedPrecondition, "FAILED_PRECONDITION: the test is in the wrong state"),
        (DeadlineExceeded, "DEADLINE_EXCEEDED: the coordinator did not answer in time"),
        (Undecided, "bisect: no step between the good and bad commit, or a verdict that cannot place it"),
    ];

    public static int ForStatus(StatusCode code) => code switch
    {
        StatusCode.Unavailable => Unavailable,
        StatusCode.NotFound => NotFound,
        StatusCode.Unauthenticated => Unauthenticated,
        StatusCode.InvalidArgument => InvalidArgument,
        StatusCode.PermissionDenied => PermissionDenied,
        StatusCode.ResourceExhausted => ResourceExhausted,
        StatusCode.FailedPrecondition => FailedPrecondition,
        StatusCode.DeadlineExceeded => DeadlineExceeded,
        _ => Error,
    };
}
