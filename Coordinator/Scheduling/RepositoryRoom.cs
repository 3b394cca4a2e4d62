using System.Globalization;
using PerfFleet.Coordinator.LoadTests;

namespace PerfFleet.Coordinator.Scheduling;

/// <summary>
/// What each repository may still start during one claim, by its running-tests and total-rate
/// limits (<see cref="RepositoryQuotas"/>), matched in memory like <see cref="WorkerRoom"/>. A
/// repository that runs nothing always gets one test, whatever its rate, so a test larger than
/// the repository's total waits for the others and never forever. A test that does not fit waits;
/// a smaller one of the same repository that fits may start before it, as on a worker. A test of a
/// repository without such limits always fits.
/// </summary>
internal sealed class RepositoryRoom(RepositoryQuotas quotas, IReadOnlyDictionary<string, RepositoryRoom.Load> running)
{
    /// <summary>A repository's running tests and the rate they send (their own, or the achieved one when the scenario set it).</summary>
    public readonly record struct Load(int Tests, double Rate);

    private readonly Dictionary<string, Load> taken = new(running, StringComparer.Ordinal);

    // Looked up once per repository and claim, not once per candidate test.
    private readonly Dictionary<string, QuotaLimits> limitsOf = new(StringComparer.Ordinal);

    /// <summary>
    /// The repositories with limits that run tests now, with the slots and rate they have left and
    /// the reason their tests wait when they do not fit, for the statements that pick tests and
    /// explain the wait.
    /// </summary>
    public (string[] Repositories, int[] Slots, double[] Rates, string[] Reasons) Remaining()
    {
        var repositories = new List<string>();
        var slots = new List<int>();
        var rates = new List<double>();
        var reasons = new List<string>();
        foreach (var (repository, load) in running)
        {
            var limits = LimitsOf(repository);
            if (!limits.LimitsRunningTests || load.Tests == 0)
            {
                continue;
            }

            var slotsLeft = limits.MaxRunningTests is { } most ? most.Value - load.Tests : int.MaxValue;
            repositories.Add(repository);
            slots.Add(slotsLeft);
            rates.Add(limits.MaxTotalRate is { } total ? total.Value - load.Rate : double.MaxValue);
            // Without a rate limit the running one is set (LimitsRunningTests); with slots left, only the rate can hold a test.
            reasons.Add(slotsLeft > 0 && limits.MaxTotalRate is { } totalRate
                ? string.Create(CultureInfo.InvariantCulture, $"waiting: {repository}'s running tests send {load.Rate:0.##} of {totalRate.Value:0.##} requests/s ({totalRate.Setting})")
                : string.Create(CultureInfo.InvariantCulture, $"waiting: {repository} runs {load.Tests} test(s) at once, its limit ({limits.MaxRunningTests!.Value.Setting})"));
        }

        return ([.. repositories], [.. slots], [.. rates], [.. reasons]);
    }

    /// <summary>
    /// Whether a test of <paramref name="repository"/> at <paramref name="rate"/> may start; when it
    /// may, it counts at once, so one batch cannot take more than the repository's room.
    /// </summary>
    public bool TryTake(string? repository, double rate)
    {
        if (repository is null || LimitsOf(repository) is not { LimitsRunningTests: true } limits)
        {
            return true;
        }

        var load = taken.GetValueOrDefault(repository);
        var fits = (limits.MaxRunningTests is not { } most || load.Tests < most.Value)
            && (limits.MaxTotalRate is not { } total || load.Tests == 0 || load.Rate + rate <= total.Value);
        if (!fits)
        {
            return false;
        }

        taken[repository] = new Load(load.Tests + 1, load.Rate + rate);
        return true;
    }

    private QuotaLimits LimitsOf(string repository)
    {
        if (!limitsOf.TryGetValue(repository, out var limits))
        {
            limits = quotas.For(repository);
            limitsOf[repository] = limits;
        }

        return limits;
    }
}
