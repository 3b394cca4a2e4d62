using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.Payloads;

/// <summary>
/// Limits of the payload store (<c>PerfFleet:Payloads</c>), validated at start. An upload past
/// one is refused with RESOURCE_EXHAUSTED naming the limit's key.
/// </summary>
public sealed class PayloadOptions
{
    public const string Section = "PerfFleet:Payloads";

    public const string MaxFileBytesKey = Section + ":MaxFileBytes";

    public const string MaxRepositoryBytesKey = Section + ":MaxRepositoryBytes";

    /// <summary>
    /// Largest payload, in bytes. Default 64 MiB. At most 512 MiB: one PostgreSQL value holds
    /// at most 1 GB, and a worker reads the whole file before the run starts.
    /// </summary>
    [Range(1, 512L * 1024 * 1024, ErrorMessage = MaxFileBytesKey + " must be between {1} and {2} bytes")]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>All payloads of one repository together, in bytes (each name counts its size). Default 1 GiB.</summary>
    [Range(1, long.MaxValue, ErrorMessage = MaxRepositoryBytesKey + " must be at least {1} byte")]
    public long MaxRepositoryBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Bytes per message of a download (and the most an upload's message may carry). Default 1 MiB; below gRPC's 4 MB message limit.</summary>
    [Range(4 * 1024, 3 * 1024 * 1024, ErrorMessage = Section + ":ChunkBytes must be between {1} and {2} bytes")]
    public int ChunkBytes { get; set; } = 1024 * 1024;
}
