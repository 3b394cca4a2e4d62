namespace PerfFleet.Comparison;

/// <summary>
/// The usable samples of one resource of one container (already in the compared unit), with how
/// many were reported, how many lay outside the measured window and how many were invalid.
/// <see cref="InvalidReason"/> names what was wrong with the invalid ones, e.g. "2 NaN, 1 negative".
/// </summary>
public sealed record ResourceSamples(IReadOnlyList<double> Values, int Reported, int OutsideWindow, int Invalid, string InvalidReason)
{
    /// <summary>Why nothing is usable, for a run that reported samples but none can be compared.</summary>
    public string NothingUsableReason(string run, string label)
    {
        return (Invalid, OutsideWindow) switch
        {
            (> 0, > 0) => $"in the {run} run, none of the {Reported} {label} samples is usable: {Invalid} invalid ({InvalidReason}), {OutsideWindow} outside the measured window",
            (> 0, _) => $"in the {run} run, all {Invalid} {label} samples were invalid ({InvalidReason})",
            _ => $"in the {run} run, none of the {Reported} {label} samples lie inside the measured window",
        };
    }

    /// <summary>A note for a compared metric when some samples had to be skipped; empty otherwise.</summary>
    public string SkippedNote(string side) =>
        Invalid == 0 ? string.Empty : $"; skipped {Invalid} invalid {side} samples ({InvalidReason})";
}
