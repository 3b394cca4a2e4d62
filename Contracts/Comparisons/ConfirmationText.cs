using PerfFleet.Contracts.V1;

namespace PerfFleet.Contracts.Comparisons;

/// <summary>The state of a regression's confirmation in one plain sentence, as the run page and the CLI show it.</summary>
public static class ConfirmationText
{
    /// <summary>The sentence, or empty when no confirmation was involved.</summary>
    public static string Of(ConfirmationState state) => state switch
    {
        ConfirmationState.Pending => "A regression was found: a fresh run is confirming it (the verdict is not final).",
        ConfirmationState.Confirmed => "The regression was confirmed by a fresh, independent run.",
        ConfirmationState.NotConfirmed => "A fresh, independent run did not confirm the first run's regression.",
        _ => string.Empty,
    };
}
