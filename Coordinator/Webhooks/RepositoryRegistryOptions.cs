using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>The <c>PerfFleet</c> section as far as repositories go: <c>PerfFleet:Repositories</c>.</summary>
public sealed class RepositoryRegistryOptions
{
    public const string SectionName = "PerfFleet";

    public List<RepositoryOptions> Repositories { get; set; } = [];
}

/// <summary>Checks at start-up that every configured repository has a usable name and no duplicate.</summary>
internal sealed class RepositoryRegistryOptionsValidator : IValidateOptions<RepositoryRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RepositoryRegistryOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            var repository = options.Repositories[i];
            var parts = repository.Name.Split('/');
            if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"PerfFleet:Repositories:{i}:Name must be owner/name, got '{repository.Name}'");
            }
            else if (!seen.Add(repository.Name))
            {
                failures.Add($"PerfFleet:Repositories:{i}:Name '{repository.Name}' is registered twice");
            }

            if (string.IsNullOrWhiteSpace(repository.DefaultBranch))
            {
                failures.Add($"PerfFleet:Repositories:{i}:DefaultBranch must not be empty");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
