namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// One payload content, stored once whatever the number of names it has (content-addressed).
/// The content is read and written in SQL by <c>Payloads/PayloadStore</c> only, in slices, so
/// EF never loads a whole blob.
/// </summary>
public sealed class PayloadBlobEntity
{
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public byte[] Content { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
