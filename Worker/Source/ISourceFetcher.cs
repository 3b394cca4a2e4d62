namespace PerfFleet.Worker.Source;

/// <summary>Brings the repository under test at one exact commit into a directory.</summary>
public interface ISourceFetcher
{
    /// <summary>
    /// Checks out <paramref name="commit"/> of <paramref name="repositoryUrl"/> into
    /// <paramref name="targetDirectory"/> (replaced if present). Throws
    /// <see cref="Pipeline.RunFailedException"/> for an unreachable repository or unknown commit.
    /// </summary>
    Task<SourceCheckout> CheckoutAsync(string repositoryUrl, string commit, string targetDirectory, CancellationToken cancellationToken);
}
