using Microsoft.Extensions.Logging;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// Removes what killed test runs left under the test root: for every server directory whose
/// owner process is dead, stops its PostgreSQL (if still running) and deletes the directory.
/// Directories of live test processes (parallel test assemblies) are left alone.
/// </summary>
public static class OrphanedServerSweeper
{
    /// <summary>A directory without a marker younger than this may be one being created right now.</summary>
    private static readonly TimeSpan MarkerGrace = TimeSpan.FromMinutes(1);

    /// <summary>Returns the directories it removed.</summary>
    public static async Task<IReadOnlyList<string>> SweepAsync(string testRoot, PostgresBinaries binaries, string systemUser, ILogger logger, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        if (!Directory.Exists(testRoot))
        {
            return removed;
        }

        foreach (var directory in Directory.GetDirectories(testRoot))
        {
            var owner = TestServerOwner.ReadFrom(directory);
            var orphaned = owner is null
                ? DateTime.UtcNow - Directory.GetCreationTimeUtc(directory) > MarkerGrace
                : !owner.IsAlive;
            if (!orphaned)
            {
                continue;
            }

            await EmbeddedPostgresServer.StopStaleServerAsync(Path.Combine(directory, "cluster"), binaries, systemUser, logger, cancellationToken);
            try
            {
                Directory.Delete(directory, recursive: true);
                removed.Add(directory);
            }
            catch (DirectoryNotFoundException)
            {
                // A test process starting in parallel swept the same orphan first: it is gone, as wanted.
            }
        }

        return removed;
    }
}
