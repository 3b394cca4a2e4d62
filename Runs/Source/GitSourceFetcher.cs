using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Processes;

namespace PerfFleet.Runs.Source;

/// <summary>
/// Fetches with the real <c>git</c>: one bare mirror per repository URL (named by a hash of the
/// URL) in the cache, updated only when the commit is missing, and a cheap <c>--shared</c> clone
/// of the mirror per run, detached at the commit.
/// </summary>
public sealed partial class GitSourceFetcher(IOptions<SourceOptions> options, ILogger<GitSourceFetcher> logger) : ISourceFetcher
{
    // Concurrent runs of one repository share its mirror; git's own locks would make the second
    // fetch fail rather than wait.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> MirrorLocks = new(StringComparer.Ordinal);

    private readonly SourceOptions _options = options.Value;

    public async Task<SourceCheckout> CheckoutAsync(string repositoryUrl, string commit, string targetDirectory, CancellationToken cancellationToken)
    {
        ValidateUrl(repositoryUrl);
        if (!CommitPattern().IsMatch(commit ?? string.Empty))
        {
            throw Fail($"\"{commit}\" is not a commit SHA (7 to 64 hexadecimal characters)");
        }

        var mirror = MirrorPath(repositoryUrl);
        var fullCommit = await WithMirrorAsync(mirror, () => EnsureCommitAsync(repositoryUrl, mirror, commit!, cancellationToken), cancellationToken);

        if (Directory.Exists(targetDirectory))
        {
            Directory.Delete(targetDirectory, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(targetDirectory))!);
        await GitAsync(["clone", "--quiet", "--no-checkout", "--shared", "--", mirror, targetDirectory], null, "could not prepare the checkout", cancellationToken);
        await GitAsync(["-C", targetDirectory, "checkout", "--quiet", "--detach", fullCommit], null, $"could not check out {fullCommit}", cancellationToken);
        SourceLog.CheckedOut(logger, fullCommit, targetDirectory);
        return new SourceCheckout(targetDirectory, fullCommit, await FirstParentDepthAsync(mirror, fullCommit, cancellationToken));
    }

    /// <summary>
    /// The commit's first-parent depth in the mirror (a full clone, so the count is whole); 0 when
    /// git cannot say: the run goes on, its history falls back to finishing order.
    /// </summary>
    private async Task<long> FirstParentDepthAsync(string mirror, string commit, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(["--git-dir", mirror, "rev-list", "--first-parent", "--count", commit], null, cancellationToken);
        return result.Succeeded && long.TryParse(result.StandardOutput.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth) ? depth : 0;
    }

    private string MirrorPath(string repositoryUrl)
    {
        Directory.CreateDirectory(_options.CacheDirectory);
        return Path.Combine(_options.CacheDirectory, MirrorName(repositoryUrl));
    }

    private static async Task<T> WithMirrorAsync<T>(string mirror, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = MirrorLocks.GetOrAdd(mirror, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The mirror directory for a URL: a hash, so any URL maps to a safe, stable name.</summary>
    public static string MirrorName(string repositoryUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repositoryUrl.Trim())))[..24] + ".git";

    private async Task<string> EnsureCommitAsync(string url, string mirror, string commit, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(mirror))
        {
            SourceLog.Cloning(logger, url);
            var partial = mirror + ".partial-" + Guid.NewGuid().ToString("N");
            try
            {
                await GitAsync(["clone", "--mirror", "--quiet", "--", url, partial], null, $"could not clone {url}", cancellationToken);
                Directory.Move(partial, mirror);
            }
            finally
            {
                if (Directory.Exists(partial))
                {
                    Directory.Delete(partial, recursive: true);
                }
            }
        }

        if (await ResolveAsync(mirror, commit, cancellationToken) is { } known)
        {
            return known;
        }

        SourceLog.Fetching(logger, url, commit);
        await GitAsync(["--git-dir", mirror, "fetch", "--prune", "--quiet", "origin"], null, $"could not fetch {url}", cancellationToken);
        if (await ResolveAsync(mirror, commit, cancellationToken) is { } fetched)
        {
            return fetched;
        }

        // A commit no branch or tag points at (e.g. a pull request's merge commit) can still be
        // fetched by SHA from servers that allow it; a refusal just means "unknown commit".
        if (commit.Length == 40 || commit.Length == 64)
        {
            await RunGitAsync(["--git-dir", mirror, "fetch", "--quiet", "origin", commit], null, cancellationToken);
            if (await ResolveAsync(mirror, commit, cancellationToken) is { } byId)
            {
                return byId;
            }
        }

        throw Fail($"commit {commit} is not in {url} (not reachable from any branch or tag, and the server does not serve it by SHA)");
    }

    private async Task<string?> ResolveAsync(string mirror, string commit, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(["--git-dir", mirror, "rev-parse", "--verify", "--quiet", commit + "^{commit}"], null, cancellationToken);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private async Task GitAsync(IReadOnlyList<string> arguments, string? workingDirectory, string failure, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(arguments, workingDirectory, cancellationToken);
        if (!result.Succeeded)
        {
            throw Fail($"{failure}: {result.LastErrorLine()}");
        }
    }

    private async Task<ProcessResult> RunGitAsync(IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            // Never wait for a password on a terminal nobody watches.
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "true",
            ["SSH_ASKPASS"] = "true",
            ["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new",
            ["LC_ALL"] = "C",
        };
        try
        {
            return await ProcessRunner.RunAsync(_options.GitExecutable, arguments,
                new ProcessRunOptions(workingDirectory, environment, _options.FetchTimeout), cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw Fail($"git did not finish within {_options.FetchTimeout}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Fail($"git is not available on this worker: {ex.Message}", ex);
        }
    }

    private static void ValidateUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw Fail("the test has no repository URL");
        }

        if (url.StartsWith('-') || url.Any(char.IsControl))
        {
            throw Fail($"\"{url}\" is not a repository URL");
        }
    }

    private static RunFailedException Fail(string message, Exception? inner = null) => new(RunPhase.FetchingSource, message, inner);

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex CommitPattern();
}
