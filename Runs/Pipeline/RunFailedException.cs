using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// A run cannot go on, for a reason the user can act on (wrong URL, unknown commit, stack that
/// does not start, ...). The message becomes the test's Failed reason as it is.
/// </summary>
public sealed class RunFailedException : Exception
{
    public RunFailedException()
        : this(RunPhase.Unspecified, "the run failed")
    {
    }

    public RunFailedException(string message)
        : this(RunPhase.Unspecified, message)
    {
    }

    public RunFailedException(string message, Exception innerException)
        : this(RunPhase.Unspecified, message, innerException)
    {
    }

    public RunFailedException(RunPhase phase, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Phase = phase;
    }

    /// <summary>The pipeline phase that failed.</summary>
    public RunPhase Phase { get; }
}
