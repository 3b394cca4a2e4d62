using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Runs.Source;
using PerfFleet.Testing.Net;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Source;

public sealed class GitSourceFetcherTests : IDisposable
{
    private readonly TempDirectory _work = new();

    private GitSourceFetcher CreateFetcher() =>
        new(Options.Create(new SourceOptions { CacheDirectory = _work.Combine("cache") }), NullLogger<GitSourceFetcher>.Instance);

    [Fact]
    public async Task CheckoutAsync_FileUrl_ChecksOutTheExactCommit()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var first = await repository.CommitAsync("first", (".perffleet.yml", "version: 1\n"), ("src/a.txt", "one"));
        await repository.CommitAsync("second", ("src/a.txt", "two"));

        var checkout = await CreateFetcher().CheckoutAsync(repository.FileUrl, first, _work.Combine("run-1"), CancellationToken.None);

        Assert.Equal(first, checkout.Commit);
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(checkout.Directory, "src", "a.txt")));
        Assert.True(File.Exists(Path.Combine(checkout.Directory, ".perffleet.yml")));
    }

    [Fact]
    public async Task CheckoutAsync_MergeCommit_CountsItsFirstParentHistoryOnly()
    {
        using var repository = await GitTestRepository.CreateAsync();
        await repository.CommitAsync("one", ("a.txt", "1"));
        await repository.CommitAsync("two", ("a.txt", "2"));
        await repository.GitAsync("checkout", "--quiet", "-b", "feature");
        await repository.CommitAsync("feature one", ("f.txt", "1"));
        await repository.CommitAsync("feature two", ("f.txt", "2"));
        await repository.GitAsync("checkout", "--quiet", "master");
        var three = await repository.CommitAsync("three", ("a.txt", "3"));
        await repository.GitAsync("-c", "user.name=PerfFleet Test", "-c", "user.email=test@perffleet.invalid", "merge", "--quiet", "--no-ff", "-m", "merge feature", "feature");
        var merge = (await repository.GitAsync("rev-parse", "HEAD")).Trim();
        var fetcher = CreateFetcher();

        var atThree = await fetcher.CheckoutAsync(repository.FileUrl, three, _work.Combine("run-1"), CancellationToken.None);
        var atMerge = await fetcher.CheckoutAsync(repository.FileUrl, merge, _work.Combine("run-2"), CancellationToken.None);

        // master's own commits: one, two, three, the merge; the feature's two commits are not master's history.
        Assert.Equal(3, atThree.FirstParentDepth);
        Assert.Equal(4, atMerge.FirstParentDepth);
    }

    [Fact]
    public async Task MergeBaseAsync_BaseBranchMovedOnAfterTheMirror_FetchesItAndFindsTheForkPoint()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var fork = await repository.CommitAsync("fork point", ("a.txt", "one"));
        await repository.GitAsync("checkout", "--quiet", "-b", "feature");
        var commit = await repository.CommitAsync("change", ("a.txt", "two"));
        var fetcher = CreateFetcher();
        await fetcher.CheckoutAsync(repository.FileUrl, commit, _work.Combine("run-1"), CancellationToken.None);
        await repository.GitAsync("checkout", "--quiet", "master");
        var head = await repository.CommitAsync("moved on", ("b.txt", "later"));

        var mergeBase = await fetcher.MergeBaseAsync(repository.FileUrl, head[..12], commit, CancellationToken.None);

        Assert.Equal(fork, mergeBase);
    }

    [Fact]
    public async Task MergeBaseAsync_UnrelatedHistories_IsNull()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("one history", ("a.txt", "one"));
        await repository.GitAsync("checkout", "--quiet", "--orphan", "other");
        var unrelated = await repository.CommitAsync("another history", ("b.txt", "two"));

        Assert.Null(await CreateFetcher().MergeBaseAsync(repository.FileUrl, unrelated, commit, CancellationToken.None));
    }

    [Fact]
    public async Task MergeBaseAsync_NotACommit_FailsNamingIt()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("one", ("a.txt", "one"));

        var error = await Assert.ThrowsAsync<RunFailedException>(() => CreateFetcher().MergeBaseAsync(repository.FileUrl, "--all", commit, CancellationToken.None));

        Assert.Contains("\"--all\" is not a commit SHA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckoutAsync_CommitPushedAfterTheMirror_FetchesIt()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var first = await repository.CommitAsync("first", ("a.txt", "one"));
        var fetcher = CreateFetcher();
        await fetcher.CheckoutAsync(repository.FileUrl, first, _work.Combine("run-1"), CancellationToken.None);
        var later = await repository.CommitAsync("later", ("a.txt", "later"));

        var checkout = await fetcher.CheckoutAsync(repository.Path, later[..12], _work.Combine("run-2"), CancellationToken.None);

        Assert.Equal(later, checkout.Commit);
        Assert.Equal("later", await File.ReadAllTextAsync(Path.Combine(checkout.Directory, "a.txt")));
        Assert.Equal(2, Directory.GetDirectories(_work.Combine("cache")).Length); // one mirror per URL spelling
    }

    [Fact]
    public async Task CheckoutAsync_SameUrlTwice_ReusesOneMirrorAndReplacesTheRunDirectory()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("first", ("a.txt", "one"));
        var fetcher = CreateFetcher();
        var runDirectory = _work.Combine("run");
        await fetcher.CheckoutAsync(repository.FileUrl, commit, runDirectory, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, "stale.txt"), "left by the previous attempt");

        await fetcher.CheckoutAsync(repository.FileUrl, commit, runDirectory, CancellationToken.None);

        Assert.Single(Directory.GetDirectories(_work.Combine("cache")));
        Assert.False(File.Exists(Path.Combine(runDirectory, "stale.txt")));
    }

    [Fact]
    public async Task CheckoutAsync_UnknownCommit_FailsNamingCommitAndRepository()
    {
        using var repository = await GitTestRepository.CreateAsync();
        await repository.CommitAsync("first", ("a.txt", "one"));
        const string missing = "0123456789abcdef0123456789abcdef01234567";

        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            CreateFetcher().CheckoutAsync(repository.FileUrl, missing, _work.Combine("run"), CancellationToken.None));

        Assert.Equal(RunPhase.FetchingSource, ex.Phase);
        Assert.Contains($"commit {missing} is not in {repository.FileUrl}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckoutAsync_UnreachableRepository_FailsWithGitsReason()
    {
        var url = "file://" + _work.Combine("does-not-exist");

        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            CreateFetcher().CheckoutAsync(url, "0123456789abcdef0123456789abcdef01234567", _work.Combine("run"), CancellationToken.None));

        Assert.Contains($"could not clone {url}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not appear to be a git repository", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_work.Combine("cache"))); // no half-made mirror left behind
    }

    [Fact]
    public async Task CheckoutAsync_UnreachableHttpServer_FailsWithoutPrompting()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/owner/repo.git";

        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            CreateFetcher().CheckoutAsync(url, "0123456789abcdef0123456789abcdef01234567", _work.Combine("run"), CancellationToken.None));

        Assert.Contains("could not clone", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/pwned")]
    [InlineData("master")]
    [InlineData("HEAD~1")]
    [InlineData("")]
    [InlineData("abc")]
    public async Task CheckoutAsync_NotASha_IsRejectedBeforeGitRuns(string commit)
    {
        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            CreateFetcher().CheckoutAsync("file:///nowhere", commit, _work.Combine("run"), CancellationToken.None));

        Assert.Contains("is not a commit SHA", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/pwned")]
    [InlineData("")]
    [InlineData("file:///x\nother")]
    public async Task CheckoutAsync_HostileUrl_IsRejected(string url)
    {
        await Assert.ThrowsAsync<RunFailedException>(() =>
            CreateFetcher().CheckoutAsync(url, "0123456789abcdef0123456789abcdef01234567", _work.Combine("run"), CancellationToken.None));
    }

    public void Dispose() => _work.Dispose();
}
