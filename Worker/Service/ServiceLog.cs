using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Worker.Service;

internal static partial class ServiceLog
{
    // A message-template scope: the plain console prints its text ("test … attempt 1 epoch 3")
    // where a dictionary would print its type name, and the JSON console its key/values.
    private static readonly Func<ILogger, string, int, long, IDisposable?> Scope =
        LoggerMessage.DefineScope<string, int, long>("test {TestId} attempt {Attempt} epoch {Epoch}");

    /// <summary>Puts the test's id, attempt and epoch on every log line of its run.</summary>
    public static IDisposable? TestScope(ILogger logger, ActiveTest test) => Scope(logger, test.TestId, test.Attempt, test.Epoch);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} accepted (epoch {Epoch}, quota changed: {QuotaChanged})")]
    public static partial void Accepted(ILogger logger, string testId, int attempt, long epoch, bool quotaChanged);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Test {TestId} attempt {Attempt} refused (epoch {Epoch}): {Reason}")]
    public static partial void Refused(ILogger logger, string testId, int attempt, long epoch, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} starting (epoch {Epoch})")]
    public static partial void RunStarting(ILogger logger, string testId, int attempt, long epoch);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} ended {Status} {Reason}")]
    public static partial void RunEnded(ILogger logger, string testId, int attempt, TestStatus status, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Test {TestId} attempt {Attempt}: the run crashed after its pipeline")]
    public static partial void RunCrashed(ILogger logger, Exception exception, string testId, int attempt);

    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}) stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string testId, int attempt, long epoch, string reason);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Test {TestId} attempt {Attempt} (epoch {Epoch}) rate changed to {Rate}/s (applied now: {Applied})")]
    public static partial void RateChanged(ILogger logger, string testId, int attempt, long epoch, double rate, bool applied);
}
