namespace PerfFleet.Runs.Source;

public sealed partial class GitSourceFetcher
{
    public async Task<string?> MergeBaseAsync(string repositoryUrl, string baseline, string commit, CancellationToken cancellationToken)
    {
        ValidateUrl(repositoryUrl);
        foreach (var one in (string[])[baseline, commit])
        {
            if (!CommitPattern().IsMatch(one ?? string.Empty))
            {
                throw Fail($"\"{one}\" is not a commit SHA (7 to 64 hexadecimal characters)");
            }
        }

        var mirror = MirrorPath(repositoryUrl);
        return await WithMirrorAsync(mirror, async () =>
        {
            // Both must be in the mirror: the baseline (a base branch's head) has often moved on since the last fetch.
            var fullBaseline = await EnsureCommitAsync(repositoryUrl, mirror, baseline, cancellationToken);
            var fullCommit = await EnsureCommitAsync(repositoryUrl, mirror, commit, cancellationToken);
            var result = await RunGitAsync(["--git-dir", mirror, "merge-base", fullBaseline, fullCommit], null, cancellationToken);

            // Exit code 1 with no output is git's "these histories share no commit".
            if (result.ExitCode == 1 && string.IsNullOrWhiteSpace(result.StandardOutput))
            {
                return null;
            }

            return result.Succeeded
                ? result.StandardOutput.Trim()
                : throw Fail($"could not find the merge base of {fullBaseline} and {fullCommit}: {result.LastErrorLine()}");
        }, cancellationToken);
    }
}
