using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Comparison;

/// <summary>The measured window of a run (after warm-up), inclusive at both ends.</summary>
public sealed record MeasuredWindow(DateTimeOffset Start, DateTimeOffset End)
{
    // Timestamp's own range (0001-01-01 to 9999-12-31); outside it ToDateTimeOffset throws.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>
    /// The load engine's window, or null when the run has no summary, the summary has no window
    /// (an external load generator made the load) or the window is not a valid time range.
    /// </summary>
    public static MeasuredWindow? Of(LoadSummary? summary) =>
        summary is not null && TryTime(summary.WindowStart, out var start) && TryTime(summary.WindowEnd, out var end) && end >= start
            ? new MeasuredWindow(start, end)
            : null;

    /// <summary>A protobuf timestamp as a time, false when it is absent or out of range (a worker's bug or a hostile report).</summary>
    public static bool TryTime(Timestamp? timestamp, out DateTimeOffset time)
    {
        time = default;
        if (timestamp is null || timestamp.Seconds < MinSeconds || timestamp.Seconds > MaxSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            return false;
        }

        time = timestamp.ToDateTimeOffset();
        return true;
    }

    public bool Contains(DateTimeOffset time) => time >= Start && time <= End;
}
