namespace PerfFleet.Coordinator.Storage.Entities;

/// <summary>
/// The results a worker streamed for one test. The payloads are the perffleet.v1 protobuf
/// messages as received (see <see cref="ResultPayloads"/>): lossless, no second schema to keep in
/// step with the protos, and read back as the same types by the comparison and the web UI.
/// The numbers that are queried across tests live in columns of the comparison instead.
/// </summary>
public sealed class TestResultEntity
{
    public Guid TestId { get; set; }

    /// <summary>The attempt that produced these results: (test id, attempt) makes a report idempotent.</summary>
    public int Attempt { get; set; }

    public string WorkerId { get; set; } = "";

    /// <summary>A serialized <c>LoadSummary</c>, or null when the run used an external load generator.</summary>
    public byte[]? LoadSummary { get; set; }

    /// <summary>Length-delimited <c>QueryResult</c> messages.</summary>
    public byte[] QueryResults { get; set; } = [];

    /// <summary>Length-delimited <c>ResourceSeries</c> messages.</summary>
    public byte[] ResourceSeries { get; set; } = [];

    /// <summary>Length-delimited <c>Repetition</c> messages of a paired run; empty for an unpaired one.</summary>
    public byte[] Repetitions { get; set; } = [];

    public DateTimeOffset StoredAt { get; set; }
}
