namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// A named payload (a request file) and the content it names now. Names are global, so a test
/// of any repository can say <c>payload://name</c>; the repository is whose storage limit it counts against.
/// </summary>
public sealed class PayloadEntity
{
    public string Name { get; set; } = "";

    /// <summary>owner/name of the registered repository the payload was uploaded for.</summary>
    public string Repository { get; set; } = "";

    /// <summary>The content's SHA-256 in lower-case hex: the key of its <see cref="PayloadBlobEntity"/>.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
