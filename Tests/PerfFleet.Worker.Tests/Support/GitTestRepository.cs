using PerfFleet.Runs.Processes;

namespace PerfFleet.Worker.Tests.Support;

/// <summary>A real git repository in a temp directory, with helpers to commit files.</summary>
public sealed class GitTestRepository : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Path;

    public string FileUrl => "file://" + Path;

    public static async Task<GitTestRepository> CreateAsync()
    {
        var repository = new GitTestRepository();
        await repository.GitAsync("init", "--quiet", "--initial-branch=master");
        return repository;
    }

    /// <summary>Writes the files and commits them; returns the new commit's full SHA.</summary>
    public async Task<string> CommitAsync(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = _directory.Combine(path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }

        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=PerfFleet Test", "-c", "user.email=test@perffleet.invalid", "commit", "--quiet", "--allow-empty", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", Path, .. arguments], null, CancellationToken.None);
        return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.StandardError}");
    }

    public void Dispose() => _directory.Dispose();
}
