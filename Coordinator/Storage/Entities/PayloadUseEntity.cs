namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// A test that downloaded a payload: the coordinator cannot read a scenario file at a commit,
/// so a worker's download is how it learns that the test uses the payload (it then refuses to remove it).
/// </summary>
public sealed class PayloadUseEntity
{
    public string PayloadName { get; set; } = "";

    public Guid TestId { get; set; }

    public DateTimeOffset DownloadedAt { get; set; }
}
