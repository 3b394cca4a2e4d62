namespace PerfFleet.Runs.Source;

/// <summary>Brings the repository under test at one exact commit into a directory.</summary>
public interface ISourceFetcher
{
    /// <summary>
    /// Checks out <paramref name="commit"/> of <paramref name="repositoryUrl"/> into
    /// <paramref name="targetDirectory"/> (replaced if present). Throws
    /// <see cref="Pipeline.RunFailedException"/> for an unreachable repository or unknown commit.
    /// </summary>
    Task<SourceCheckout> CheckoutAsync(string repositoryUrl, string commit, string targetDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// The commit a paired run measures as its baseline: the merge base of
    /// <paramref name="baseline"/> (a base branch's head) and <paramref name="commit"/>, so the
    /// baseline holds none of the base branch's later changes; null when the two share no history.
    /// Fetches both when the cache lacks them.
    /// </summary>
    Task<string?> MergeBaseAsync(string repositoryUrl, string baseline, string commit, CancellationToken cancellationToken);
}
