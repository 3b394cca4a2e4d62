using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>A status change the life cycle does not allow (e.g. stopping a completed test): a FAILED_PRECONDITION.</summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException()
    {
    }

    public IllegalTransitionException(string message)
        : base(message)
    {
    }

    public IllegalTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IllegalTransitionException(Guid testId, LoadTestStatus from, LoadTestStatus to, IReadOnlyList<LoadTestStatus> allowed)
        : base(allowed.Count == 0
            ? $"Load test {testId} is {from}, which is final: it cannot become {to}."
            : $"Load test {testId} is {from} and cannot become {to}; from {from} it can become {string.Join(", ", allowed)}.")
    {
        TestId = testId;
        From = from;
        To = to;
    }

    public Guid TestId { get; }

    public LoadTestStatus From { get; }

    public LoadTestStatus To { get; }
}
