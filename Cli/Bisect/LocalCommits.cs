using PerfFleet.Runs.Processes;

namespace PerfFleet.Cli.Bisect;

/// <summary>
/// The commits of a bisection, read with the real <c>git</c> from a local clone: the coordinator
/// keeps no clone of its own (only workers fetch), and the person bisecting has one.
/// </summary>
public sealed class LocalCommits(string directory)
{
    /// <summary>The longest range: 10 runs place the step, and git's listing stays whole in the captured output.</summary>
    public const int MaxCommits = 1000;

    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The first-parent commits after <paramref name="good"/> up to and including
    /// <paramref name="bad"/>, oldest first, as full SHAs: the default branch's own history,
    /// where each commit is one push (a merged branch's inner commits were never its baselines).
    /// </summary>
    public async Task<BisectRange> RangeAsync(string good, string bad, CancellationToken cancellationToken)
    {
        var goodSha = await ResolveAsync(good, "--good", cancellationToken).ConfigureAwait(false);
        var badSha = await ResolveAsync(bad, "--bad", cancellationToken).ConfigureAwait(false);
        if (goodSha == badSha)
        {
            throw new CliUsageException($"--good and --bad are the same commit ({goodSha[..12]}): there is nothing between them to bisect");
        }

        var count = int.Parse((await GitAsync(["rev-list", "--first-parent", "--count", goodSha + ".." + badSha], cancellationToken).ConfigureAwait(false)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (count > MaxCommits)
        {
            throw new CliUsageException($"{count} first-parent commits lie between --good {goodSha[..12]} and --bad {badSha[..12]}: bisect at most {MaxCommits} (pick a closer good commit)");
        }

        var listed = await GitAsync(["rev-list", "--first-parent", "--reverse", goodSha + ".." + badSha], cancellationToken).ConfigureAwait(false);
        var commits = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // rev-list good..bad also answers when good is no ancestor of bad (it lists bad's side of
        // the fork): only a first parent chain that starts at good is a range.
        if (commits.Length == 0 || (await GitAsync(["rev-parse", commits[0] + "^1"], cancellationToken).ConfigureAwait(false)).Trim() != goodSha)
        {
            throw new CliUsageException($"--good {goodSha[..12]} is not on the first-parent history of --bad {badSha[..12]} in {directory}: give the last good commit of the branch, then the first bad one");
        }

        return new BisectRange(goodSha, commits);
    }

    private async Task<string> ResolveAsync(string revision, string flag, CancellationToken cancellationToken)
    {
        if (revision.StartsWith('-'))
        {
            throw new CliUsageException($"{flag} {revision}: not a commit");
        }

        var result = await RunAsync(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput.Trim()
            : throw new CliUsageException($"{flag} {revision}: no such commit in {directory} (fetch it, or run bisect in a clone of the repository with --git-dir)");
    }

    private async Task<string> GitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput
            : throw new CliInputException($"git {string.Join(' ', arguments)} in {directory} failed: {result.LastErrorLine()}");
    }

    private async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.RunAsync("git", ["-C", directory, .. arguments],
                new ProcessRunOptions(Environment: new Dictionary<string, string> { ["LC_ALL"] = "C", ["GIT_TERMINAL_PROMPT"] = "0" }, Timeout: GitTimeout),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new CliInputException($"git could not read {directory}: {e.Message}", e);
        }
    }
}
