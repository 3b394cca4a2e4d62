namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// A leader-only write was refused because the leadership epoch moved on: this coordinator is
/// no longer the leader (it was paused or partitioned). The write changed nothing.
/// </summary>
public sealed class FencedOutException : Exception
{
    public FencedOutException()
    {
    }

    public FencedOutException(string message)
        : base(message)
    {
    }

    public FencedOutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FencedOutException(long epoch, long currentEpoch)
        : base($"Leadership epoch {epoch} is over (the current epoch is {currentEpoch}): this coordinator no longer leads, and its write was not applied.")
    {
        Epoch = epoch;
        CurrentEpoch = currentEpoch;
    }

    public long Epoch { get; }

    public long CurrentEpoch { get; }
}
