using System.Globalization;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>One limit and the setting it comes from, so that a refusal can name what to change.</summary>
public readonly record struct QuotaLimit<T>(T Value, string Setting);

/// <summary>The limits that apply to one repository's tests (see <see cref="RepositoryQuotas"/>).</summary>
public sealed record QuotaLimits(
    QuotaLimit<double> MaxRate,
    QuotaLimit<TimeSpan> MaxDuration,
    QuotaLimit<int> MaxConcurrentTests,
    QuotaLimit<int>? MaxRunningTests,
    QuotaLimit<double>? MaxTotalRate)
{
    /// <summary>Whether the scheduler has anything to hold this repository's tests back for.</summary>
    public bool LimitsRunningTests => MaxRunningTests is not null || MaxTotalRate is not null;
}

/// <summary>
/// The one owner of the rule "which quota applies to this repository": a repository's own entry
/// in <c>PerfFleet:Quotas:Repositories</c> replaces each global value it sets; the rest are the
/// global ones.
/// </summary>
public sealed class RepositoryQuotas(IOptions<QuotaOptions> options)
{
    /// <summary>The limits of <paramref name="repository"/> (empty: an inline test of no repository, which has the global ones).</summary>
    public QuotaLimits For(string repository)
    {
        var global = options.Value;
        var index = repository.Length == 0 ? -1 : global.Repositories.FindIndex(r => string.Equals(r.Name, repository, StringComparison.OrdinalIgnoreCase));
        var entry = index >= 0 ? global.Repositories[index] : null;
        string Own(string name) => string.Create(CultureInfo.InvariantCulture, $"{QuotaOptions.Section}:Repositories:{index}:{name}, for {entry!.Name}");
        string Global(string name) => $"{QuotaOptions.Section}:{name}";

        return new QuotaLimits(
            entry?.MaxRate is { } rate ? new(rate, Own("MaxRate")) : new(global.MaxRate, Global(nameof(QuotaOptions.MaxRate))),
            entry?.MaxDuration is { } duration ? new(duration, Own("MaxDuration")) : new(global.MaxDuration, Global(nameof(QuotaOptions.MaxDuration))),
            entry?.MaxConcurrentTests is { } concurrent ? new(concurrent, Own("MaxConcurrentTests")) : new(global.MaxConcurrentTestsPerRepository, Global(nameof(QuotaOptions.MaxConcurrentTestsPerRepository))),
            entry?.MaxRunningTests is { } running ? new QuotaLimit<int>(running, Own("MaxRunningTests"))
                : global.MaxRunningTestsPerRepository is { } anyRunning ? new QuotaLimit<int>(anyRunning, Global(nameof(QuotaOptions.MaxRunningTestsPerRepository))) : null,
            entry?.MaxTotalRate is { } total ? new QuotaLimit<double>(total, Own("MaxTotalRate"))
                : global.MaxTotalRatePerRepository is { } anyTotal ? new QuotaLimit<double>(anyTotal, Global(nameof(QuotaOptions.MaxTotalRatePerRepository))) : null);
    }

    /// <summary>Whether any repository's running tests are limited: the scheduler reads repository loads only then (the options are read once, so this is too).</summary>
    public bool AnyRunningLimit { get; } = options.Value.MaxRunningTestsPerRepository is not null || options.Value.MaxTotalRatePerRepository is not null
        || options.Value.Repositories.Exists(r => r.MaxRunningTests is not null || r.MaxTotalRate is not null);
}
