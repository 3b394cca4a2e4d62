namespace PerfFleet.Worker.Service;

/// <summary>
/// The highest leader epoch this worker has seen (DESIGN.md "Leadership"): from Start calls and
/// heartbeat replies. An assignment from a lower epoch comes from a deposed leader and is refused.
/// </summary>
public sealed class EpochTracker
{
    private long _highest;

    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>Raises the highest epoch to <paramref name="epoch"/>; false when <paramref name="epoch"/> is lower than one already seen.</summary>
    public bool Observe(long epoch)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _highest);
            if (epoch < current)
            {
                return false;
            }

            if (epoch == current || Interlocked.CompareExchange(ref _highest, epoch, current) == current)
            {
                return true;
            }
        }
    }
}
