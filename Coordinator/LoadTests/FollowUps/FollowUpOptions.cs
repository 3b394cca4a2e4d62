using PerfFleet.Contracts.Scenarios;
using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Coordinator.LoadTests.FollowUps;

/// <summary>
/// Options under <c>PerfFleet:FollowUps</c>: how the coordinator settles a verdict it is not sure
/// of (more pairs) and how it confirms a regression before a pull request's check fails.
/// </summary>
public sealed class FollowUpOptions
{
    public const string Section = "PerfFleet:FollowUps";

    /// <summary>
    /// An inconclusive paired run gets more pairs, pooled with the earlier ones, until it has this
    /// many; then the verdict stays inconclusive (which never fails the check). 0 turns it off.
    /// </summary>
    [Range(0, ScenarioRepeat.MaxPairs)]
    public int MaxPairs { get; set; } = 20;

    /// <summary>Pairs added per escalation; 0 = as many again as the first run had.</summary>
    [Range(0, ScenarioRepeat.MaxPairs)]
    public int MorePairsStep { get; set; }

    /// <summary>
    /// A pull request's regression is reported only once a fresh, independent run finds it too:
    /// a false alarm must then happen twice (p becomes p²). The first run's comment says a
    /// confirmation is running; the check stays pending meanwhile.
    /// </summary>
    public bool ConfirmRegressions { get; set; } = true;

    /// <summary>Repositories (owner/name) whose regressions are reported at once, without a confirmation run.</summary>
    public IList<string> RepositoriesWithoutConfirmation { get; } = [];

    public bool Confirms(string? repository) =>
        ConfirmRegressions && (repository is null || !RepositoriesWithoutConfirmation.Contains(repository, StringComparer.OrdinalIgnoreCase));
}
