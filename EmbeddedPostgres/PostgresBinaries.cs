using System.Text.RegularExpressions;

namespace PerfFleet.EmbeddedPostgres;

/// <summary>A directory holding PostgreSQL's server programs, and their major version.</summary>
public sealed partial record PostgresBinaries(string Directory, int MajorVersion)
{
    /// <summary>Debian's layout: one bin directory per installed major version.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// The configured directory if given; otherwise the newest version among PATH and
    /// <c>/usr/lib/postgresql/*/bin</c>. Throws <see cref="PostgresBinariesNotFoundException"/>.
    /// </summary>
    public static PostgresBinaries Locate(string? configuredDirectory, string? pathVariable, string debianRoot = DebianRoot)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return FromDirectory(configuredDirectory)
                ?? throw new PostgresBinariesNotFoundException($"{DatabaseSettingNames.BinariesDirectory} = {configuredDirectory}");
        }

        var candidates = new List<string>();
        candidates.AddRange((pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (System.IO.Directory.Exists(debianRoot))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories(debianRoot).Select(d => Path.Combine(d, "bin")));
        }

        return candidates
            .Select(FromDirectory)
            .OfType<PostgresBinaries>()
            .OrderByDescending(b => b.MajorVersion)
            .FirstOrDefault()
            ?? throw new PostgresBinariesNotFoundException($"PATH and {debianRoot}/*/bin");
    }

    /// <summary>The binaries in <paramref name="directory"/>, following symbolic links (Debian links them from /usr/local/bin or similar), or null.</summary>
    public static PostgresBinaries? FromDirectory(string directory)
    {
        if (!RequiredPrograms.All(p => File.Exists(Path.Combine(directory, p))))
        {
            return null;
        }

        // pg_ctl finds postgres next to its own real path, so resolve links to the real directory.
        var initDb = new FileInfo(Path.Combine(directory, "initdb"));
        var realInitDb = initDb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initDb.FullName;
        var realDirectory = Path.GetDirectoryName(realInitDb) ?? directory;
        if (!RequiredPrograms.All(p => File.Exists(Path.Combine(realDirectory, p))))
        {
            return null;
        }

        return new PostgresBinaries(realDirectory, ReadMajorVersion(realDirectory));
    }

    /// <summary>The major version from Debian's path or PG_VERSION-style files; 0 when unknown (ranks last).</summary>
    private static int ReadMajorVersion(string directory)
    {
        var match = VersionInPath().Match(directory);
        if (match.Success)
        {
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        // Elsewhere (a source build under /usr/local/pgsql/bin, say) ask the server itself.
        var output = CommandRunner.RunAsync(Path.Combine(directory, "postgres"), ["--version"], TimeSpan.FromSeconds(10), CancellationToken.None)
            .GetAwaiter().GetResult();
        var version = VersionInOutput().Match(output.StandardOutput);
        return version.Success ? int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"/postgresql/(\d+)/bin/?$")]
    private static partial Regex VersionInPath();

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionInOutput();
}
