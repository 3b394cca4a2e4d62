namespace PerfFleet.Runs.Source;

/// <summary>
/// Copies a <see cref="LocalSource"/> into a run's checkout for a local run, symbolic links as
/// links (a committed <c>node_modules/.bin</c> is made of them), as a git checkout makes them.
/// </summary>
public static class LocalSourceCopy
{
    public static void Copy(LocalSource source, string to)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(to);
        if (source.TrackedFiles is null)
        {
            CopyDirectory(source.Directory, to);
            return;
        }

        foreach (var file in source.TrackedFiles)
        {
            var from = Path.Combine(source.Directory, file);
            var target = Path.Combine(to, file);
            var info = new FileInfo(from);
            if (info.LinkTarget is null && !info.Exists)
            {
                // Deleted in the work tree but not yet in git: the change is the deletion. A
                // submodule is a directory here and stays empty, as in a cluster checkout.
                if (Directory.Exists(from))
                {
                    Directory.CreateDirectory(target);
                }

                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            CopyEntry(info, target);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                CopyDirectory(directory.FullName, target);
            }
            else
            {
                CopyEntry(entry, target);
            }
        }
    }

    private static void CopyEntry(FileSystemInfo entry, string target)
    {
        if (entry.LinkTarget is { } link)
        {
            File.Delete(target);
            File.CreateSymbolicLink(target, link);
        }
        else
        {
            File.Copy(entry.FullName, target, overwrite: true);
        }
    }
}
