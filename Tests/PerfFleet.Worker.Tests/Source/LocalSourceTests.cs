using PerfFleet.Runs.Source;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Source;

/// <summary>A local run copies what a cluster's checkout of the commit has, and says what it left out.</summary>
public sealed class LocalSourceTests : IDisposable
{
    private readonly TempDirectory _target = new();

    [Fact]
    public async Task Copy_GitWorkTree_CopiesWhatGitTracksWithWorkTreeChangesAndLeavesTheRestOut()
    {
        using var repository = await GitTestRepository.CreateAsync();
        var commit = await repository.CommitAsync("service",
            ("app/server.js", "require('express');"),
            ("app/node_modules/express/index.js", "module.exports = 1;"),
            ("app/bin/start.sh", "node server.js"),
            ("app/.gitignore", "*.log\n"),
            ("other/unrelated.txt", "not under the scenario's directory"));
        File.CreateSymbolicLink(Path.Combine(repository.Path, "app", "node_modules", "express-link"), "express");
        await repository.CommitAsync("link");
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "app", "server.js"), "changed, not committed");
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "app", "new.js"), "not added");
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "app", "debug.log"), "ignored");

        var source = await LocalSource.FindAsync(Path.Combine(repository.Path, "app"), "git", CancellationToken.None);
        LocalSourceCopy.Copy(source, _target.Path);

        Assert.Equal("module.exports = 1;", await File.ReadAllTextAsync(_target.Combine("node_modules", "express", "index.js")));
        Assert.Equal("node server.js", await File.ReadAllTextAsync(_target.Combine("bin", "start.sh")));
        Assert.Equal("changed, not committed", await File.ReadAllTextAsync(_target.Combine("server.js")));
        Assert.Equal("express", new FileInfo(_target.Combine("node_modules", "express-link")).LinkTarget);
        Assert.False(File.Exists(_target.Combine("new.js")));
        Assert.False(File.Exists(_target.Combine("debug.log")));
        Assert.False(Directory.Exists(_target.Combine(".git")));
        Assert.Equal((await repository.GitAsync("rev-parse", "HEAD")).Trim(), source.Commit);
        Assert.NotEqual(commit, source.Commit);
        Assert.Contains("the 5 files git tracks in", source.Description, StringComparison.Ordinal);
        Assert.Contains("1 untracked file left out (new.js)", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_NotAGitWorkTree_CopiesEveryFileAndSaysSo()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Combine("node_modules", "express"));
        await File.WriteAllTextAsync(directory.Combine("node_modules", "express", "index.js"), "x");
        await File.WriteAllTextAsync(directory.Combine("server.js"), "y");

        var source = await LocalSource.FindAsync(directory.Path, "git", CancellationToken.None);
        LocalSourceCopy.Copy(source, _target.Path);

        Assert.True(File.Exists(_target.Combine("node_modules", "express", "index.js")));
        Assert.True(File.Exists(_target.Combine("server.js")));
        Assert.Equal(string.Empty, source.Commit);
        Assert.Equal($"source: every file in {directory.Path} (not a git work tree)", source.Description);
    }

    public void Dispose() => _target.Dispose();
}
