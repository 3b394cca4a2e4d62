namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// The single leadership row (<see cref="SingletonId"/>): the fencing epoch every leader-only
/// write is checked against, who holds it, and the lease the holder renews.
/// </summary>
public sealed class LeadershipEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Epoch { get; set; }

    public string? LeaderAddress { get; set; }

    public DateTimeOffset? Since { get; set; }

    /// <summary>The leader's last lease renewal, by the database's clock (<c>now()</c>): a follower compares it with <c>now()</c> too.</summary>
    public DateTimeOffset? RenewedAt { get; set; }

    /// <summary>The server process id of the leader's lock session: what a follower ends when the lease runs out.</summary>
    public int? LeaderProcessId { get; set; }
}
