using System.Diagnostics;

namespace PerfFleet.Runs.Source;

/// <summary>
/// What <c>perffleet run</c> copies in as the checkout. In a git work tree: the files git tracks
/// under <see cref="Directory"/>, with their content in the work tree — the files a cluster's
/// checkout of the commit has (committed <c>node_modules</c> included), plus the uncommitted
/// changes to them; untracked files are left out, as the cluster never sees them. Outside git:
/// every file. <see cref="Description"/> says which, so nothing is left out silently.
/// </summary>
/// <param name="Directory">The scenario file's directory, in full.</param>
/// <param name="TrackedFiles">Paths relative to <see cref="Directory"/> ('/'-separated); null outside git.</param>
/// <param name="Untracked">Files git does not track and does not ignore: the ones a user may have forgotten to add.</param>
/// <param name="Commit">The work tree's HEAD, the commit the run is reported at; empty outside git.</param>
public sealed record LocalSource(string Directory, IReadOnlyList<string>? TrackedFiles, IReadOnlyList<string> Untracked, string Commit)
{
    private const int NamedUntracked = 3;

    /// <summary>One sentence for the user: what is copied and what is left out.</summary>
    public string Description
    {
        get
        {
            if (TrackedFiles is null)
            {
                return $"source: every file in {Directory} (not a git work tree)";
            }

            var text = $"source: the {TrackedFiles.Count} files git tracks in {Directory}, as a checkout of {Commit} has them, with their changes in the work tree";
            if (Untracked.Count == 0)
            {
                return text;
            }

            var named = string.Join(", ", Untracked.Take(NamedUntracked)) + (Untracked.Count > NamedUntracked ? ", ..." : string.Empty);
            var files = Untracked.Count == 1 ? "file" : "files";
            return $"{text}; {Untracked.Count} untracked {files} left out ({named}): git add them to measure them";
        }
    }

    /// <summary>Lists what <paramref name="directory"/> holds for a local run.</summary>
    public static async Task<LocalSource> FindAsync(string directory, string gitExecutable, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"the source directory {full} does not exist");
        }

        var head = await GitAsync(gitExecutable, full, ["rev-parse", "--verify", "--quiet", "HEAD"], cancellationToken);
        if (head is null)
        {
            return new LocalSource(full, null, [], string.Empty);
        }

        // ls-files run inside the directory lists only what lies under it, relative to it.
        var tracked = await GitAsync(gitExecutable, full, ["ls-files", "-z", "--cached"], cancellationToken) ?? string.Empty;
        var untracked = await GitAsync(gitExecutable, full, ["ls-files", "-z", "--others", "--exclude-standard"], cancellationToken) ?? string.Empty;
        return new LocalSource(full, Split(tracked), Split(untracked), head.Trim());
    }

    private static string[] Split(string nulSeparated) => nulSeparated.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// git's whole standard output, or null when it fails (not a work tree, no commit yet, no
    /// git): <see cref="Processes.ProcessRunner"/> keeps only a tail, and a committed
    /// <c>node_modules</c> lists far more than that.
    /// </summary>
    private static async Task<string?> GitAsync(string git, string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(git)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["LC_ALL"] = "C";
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await errors;
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : null;
    }
}
