using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt}: {Phase}")]
    public static partial void Phase(ILogger logger, string testId, int attempt, RunPhase phase);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Run {TestId}/{Attempt} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string testId, int attempt, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt} ended {Status}")]
    public static partial void Ended(ILogger logger, string testId, int attempt, TestStatus status);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Run {TestId}/{Attempt} hit an unexpected error")]
    public static partial void Unexpected(ILogger logger, Exception exception, string testId, int attempt);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Could not remove run directory {Directory}: {Problem}")]
    public static partial void CleanupFailed(ILogger logger, string directory, string problem);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Run {TestId}: the stack's Prometheus at {Prometheus} was not ready before the load ({Problem}); its queries may come back empty")]
    public static partial void PrometheusNotReady(ILogger logger, string testId, string prometheus, string problem);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt}: paired run of {Pairs} pairs, baseline {Baseline} against {Commit} (pair order seed {Seed})")]
    public static partial void Paired(ILogger logger, string testId, int attempt, int pairs, string baseline, string commit, int seed);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Information, Message = "Run {TestId}/{Attempt}: pair {Pair} of {Pairs}, {Role} {Commit} (order {Order}) starting")]
    public static partial void Repetition(ILogger logger, string testId, int attempt, int pair, int pairs, string role, string commit, int order);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Information, Message = "Run {TestId}: the baseline is {MergeBase}, the merge base of {BaselineCommit} and {Commit}")]
    public static partial void MergeBase(ILogger logger, string testId, string baselineCommit, string commit, string mergeBase);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Warning, Message = "Run {TestId}: git finds no merge base of {BaselineCommit} and {Commit}; measuring {BaselineCommit} itself as the baseline")]
    public static partial void NoMergeBase(ILogger logger, string testId, string baselineCommit, string commit);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Run {TestId}: baseline commit {BaselineCommit} ignored: only a repository's commits can be paired, not a local directory or an inline spec")]
    public static partial void BaselineIgnored(ILogger logger, string testId, string baselineCommit);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "Run {TestId}: {Repetition} was too big for one results message; its series keep one sample in {Factor}")]
    private static partial void RepetitionThinnedBy(ILogger logger, string testId, string repetition, int factor);

    public static void RepetitionThinned(ILogger logger, string testId, string repetition, int halvings) =>
        RepetitionThinnedBy(logger, testId, repetition, 1 << halvings);
}
