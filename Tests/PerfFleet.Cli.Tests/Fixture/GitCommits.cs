using System.Diagnostics;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>A real git repository in a temporary directory with a line of commits on master, one file changed in each.</summary>
public sealed class GitCommits : IDisposable
{
    private GitCommits(string directory, IReadOnlyList<string> commits)
    {
        Directory = directory;
        Commits = commits;
    }

    public string Directory { get; }

    /// <summary>Full SHAs, oldest first.</summary>
    public IReadOnlyList<string> Commits { get; }

    public string CloneUrl => new Uri(Directory).AbsoluteUri;

    public static GitCommits Create(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), "perffleet-bisect-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        Git(directory, "init", "-q", "-b", "master");
        Git(directory, "config", "user.email", "tests@perffleet.invalid");
        Git(directory, "config", "user.name", "PerfFleet tests");
        var commits = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(directory, "version.txt"), $"change {i}\n");
            Git(directory, "add", "-A");
            Git(directory, "commit", "-q", "-m", $"change {i}");
            commits.Add(Git(directory, "rev-parse", "HEAD").Trim());
        }

        return new GitCommits(directory, commits);
    }

    /// <summary>A commit on a branch off <paramref name="from"/>: not on master's first-parent history.</summary>
    public string SideCommit(string from)
    {
        Git(Directory, "checkout", "-q", "-b", "side-" + Guid.NewGuid().ToString("N")[..8], from);
        File.WriteAllText(Path.Combine(Directory, "side.txt"), "side\n");
        Git(Directory, "add", "-A");
        Git(Directory, "commit", "-q", "-m", "side");
        var commit = Git(Directory, "rev-parse", "HEAD").Trim();
        Git(Directory, "checkout", "-q", "master");
        return commit;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
