namespace PerfFleet.Coordinator.Reporting;

/// <summary>A repository as Octokit's calls take it: <c>owner/name</c> split in two.</summary>
public sealed record GitHubRepositoryName(string Owner, string Name)
{
    /// <exception cref="ArgumentException"><paramref name="repository"/> is not <c>owner/name</c>.</exception>
    public static GitHubRepositoryName Parse(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"repository '{repository}' is not owner/name", nameof(repository));
        }

        return new GitHubRepositoryName(parts[0], parts[1]);
    }

    public override string ToString() => Owner + "/" + Name;
}
