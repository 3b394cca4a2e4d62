namespace PerfFleet.Coordinator.Leadership;

/// <summary>
/// One period of leadership of this coordinator: its fencing <see cref="Epoch"/>, and a token
/// cancelled the moment the leadership is lost (or given up at shutdown). Leader-only work
/// runs under <see cref="Lost"/> and writes with <see cref="Epoch"/> (see <see cref="EpochFence"/>).
/// </summary>
public sealed record LeadershipTerm(long Epoch, string Address, DateTimeOffset Since, CancellationToken Lost)
{
    public bool IsActive => !Lost.IsCancellationRequested;
}
