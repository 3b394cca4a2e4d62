namespace PerfFleet.Worker.Source;

/// <summary>
/// Copies a working directory into a run's checkout for a local run: everything but version
/// control and build output, which a stack rebuilds anyway and which can be large.
/// </summary>
public static class LocalSourceCopy
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".perffleet" };

    public static void Copy(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            throw new DirectoryNotFoundException($"the source directory {from} does not exist");
        }

        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (Skipped.Contains(entry.Name))
            {
                continue;
            }

            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo directory)
            {
                if (directory.LinkTarget is null)
                {
                    Copy(directory.FullName, target);
                }
            }
            else if (entry.LinkTarget is null)
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }
}
