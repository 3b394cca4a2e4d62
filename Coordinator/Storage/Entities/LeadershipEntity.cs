namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// The single leadership row (<see cref="SingletonId"/>): the fencing epoch every leader-only
/// write is checked against, and who holds it.
/// </summary>
public sealed class LeadershipEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Epoch { get; set; }

    public string? LeaderAddress { get; set; }

    public DateTimeOffset? Since { get; set; }
}
