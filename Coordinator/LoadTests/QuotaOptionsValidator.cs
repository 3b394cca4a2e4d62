using System.Globalization;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>Checks <c>PerfFleet:Quotas:Repositories</c> at start-up: names of the form owner/name, each once, every limit in range.</summary>
internal sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    private static readonly TimeSpan LongestDuration = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            var entry = options.Repositories[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{QuotaOptions.Section}:Repositories:{i}");
            if (!InputRules.RepositoryName().IsMatch(entry.Name))
            {
                failures.Add($"{key}:Name must be owner/name, got '{entry.Name}'");
            }
            else if (!seen.Add(entry.Name))
            {
                failures.Add($"{key}:Name '{entry.Name}' has limits twice");
            }

            if (entry.MaxRate is { } rate && !(rate >= 1 && double.IsFinite(rate)))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxRate must be at least 1 request/s, got {rate}"));
            }

            if (entry.MaxDuration is { } duration && (duration < TimeSpan.FromSeconds(1) || duration > LongestDuration))
            {
                failures.Add($"{key}:MaxDuration must be between 00:00:01 and 7.00:00:00, got {duration}");
            }

            if (entry.MaxConcurrentTests is < 1)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxConcurrentTests must be at least 1, got {entry.MaxConcurrentTests}"));
            }

            if (entry.MaxRunningTests is < 1)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxRunningTests must be at least 1, got {entry.MaxRunningTests}"));
            }

            if (entry.MaxTotalRate is { } total && !(total >= 1 && double.IsFinite(total)))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:MaxTotalRate must be at least 1 request/s, got {total}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
