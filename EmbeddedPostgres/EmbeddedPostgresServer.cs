using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfFleet.Common.Net;

namespace PerfFleet.EmbeddedPostgres;

/// <summary>
/// A private PostgreSQL cluster run from the machine's binaries on a free loopback port: the
/// default database of a first run and of the tests. <see cref="StartAsync"/> creates the
/// cluster on first use, stops a server an earlier killed run left behind, and starts it;
/// <see cref="StopAsync"/> (or disposal) stops it. The files stay: they are the data.
/// </summary>
public sealed class EmbeddedPostgresServer : IAsyncDisposable
{
    /// <summary>The cluster's superuser; it authenticates with a generated password (scram-sha-256).</summary>
    public const string SuperuserName = "perffleet";

    private const int StartAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly EmbeddedPostgresSettings settings;
    private readonly ServerAccount account;
    private readonly ILogger logger;
    private readonly string password;
    private int stopped;

    private EmbeddedPostgresServer(EmbeddedPostgresSettings settings, ServerAccount account, ILogger logger, string password, int port, int processId)
    {
        this.settings = settings;
        this.account = account;
        this.logger = logger;
        this.password = password;
        Port = port;
        ProcessId = processId;
    }

    public string RootDirectory => settings.RootDirectory;

    public string ClusterDirectory => settings.ClusterDirectory;

    public int Port { get; }

    /// <summary>The postmaster's pid.</summary>
    public int ProcessId { get; }

    /// <summary>The connection string of <paramref name="database"/> on this server, as the superuser.</summary>
    public string GetConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperuserName,
        Password = password,
        Database = database,
    }.ConnectionString;

    public static async Task<EmbeddedPostgresServer> StartAsync(EmbeddedPostgresSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var account = ServerAccount.ForCurrentProcess(settings.SystemUser);
        Directory.CreateDirectory(settings.RootDirectory);
        if (account.SystemUser is not null)
        {
            // The root directory stays the coordinator's (it holds the password); the server's user only passes through it.
            UnixFiles.SetMode(settings.RootDirectory, UnixFiles.PassThrough);
        }

        await account.EnsureCanReachAsync(settings.RootDirectory, cancellationToken);
        await StopStaleServerAsync(settings.ClusterDirectory, settings.Binaries, settings.SystemUser, logger, cancellationToken);
        var password = await EnsureClusterAsync(settings, account, logger, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Next();
            try
            {
                await account.RunAsync(settings.Binaries.PgCtl, StartArguments(settings, port), settings.StartTimeout + TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (EmbeddedPostgresException) when (attempt < StartAttempts && ServerLogTail(settings).Contains("could not bind", StringComparison.Ordinal))
            {
                // Another process took the port between our probe and the server's bind.
                EmbeddedPostgresLog.PortTaken(logger, port);
                continue;
            }
            catch (EmbeddedPostgresException e)
            {
                throw new EmbeddedPostgresException($"{e.Message}{Environment.NewLine}Server log ({settings.ServerLogFile}):{Environment.NewLine}{ServerLogTail(settings)}", e);
            }

            var processId = PostmasterPidFile.FindRunningServer(settings.ClusterDirectory)
                ?? throw new EmbeddedPostgresException($"pg_ctl reported PostgreSQL started in {settings.ClusterDirectory}, but no server process is running. Server log:{Environment.NewLine}{ServerLogTail(settings)}");
            EmbeddedPostgresLog.Started(logger, port, processId, settings.ClusterDirectory);
            return new EmbeddedPostgresServer(settings, account, logger, password, port, processId);
        }
    }

    /// <summary>
    /// Stops a server that still runs in <paramref name="clusterDirectory"/> (its postmaster.pid
    /// names a live postgres process): an earlier run was killed before it could stop it.
    /// </summary>
    public static async Task StopStaleServerAsync(string clusterDirectory, PostgresBinaries binaries, string systemUser, ILogger logger, CancellationToken cancellationToken)
    {
        if (PostmasterPidFile.FindRunningServer(clusterDirectory) is not { } processId)
        {
            return;
        }

        EmbeddedPostgresLog.StoppingStaleServer(logger, processId, clusterDirectory);
        await StopClusterAsync(clusterDirectory, binaries, ServerAccount.ForCurrentProcess(systemUser), logger, cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended, no recovery needed at the next start).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        await StopClusterAsync(settings.ClusterDirectory, settings.Binaries, account, logger, cancellationToken);

        // pg_ctl returns once postmaster.pid is gone, which the postmaster removes just before it
        // exits: wait for the process itself, so that a caller who stops the server finds nothing running.
        var deadline = Environment.TickCount64 + (long)ExitWait.TotalMilliseconds;
        while (PostmasterPidFile.IsPostgresProcess(ProcessId) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10, cancellationToken);
        }

        EmbeddedPostgresLog.Stopped(logger, settings.ClusterDirectory);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Immediate shutdown (SIGQUIT to the postmaster, which ends its children too), waiting at most
    /// <paramref name="wait"/>: for process-exit handlers that have no time for pg_ctl. The next
    /// start runs crash recovery, so use it only for throw-away clusters.
    /// </summary>
    public bool StopImmediately(TimeSpan wait)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return true;
        }

        using (var signal = System.Diagnostics.Process.Start("kill", ["-QUIT", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            signal.WaitForExit();
        }

        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (PostmasterPidFile.IsPostgresProcess(ProcessId))
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    private static async Task StopClusterAsync(string clusterDirectory, PostgresBinaries binaries, ServerAccount account, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await account.RunAsync(binaries.PgCtl, ["stop", "-D", clusterDirectory, "-m", "fast", "-w", "-t", "30"], StopTimeout, cancellationToken);
        }
        catch (EmbeddedPostgresException e) when (PostmasterPidFile.FindRunningServer(clusterDirectory) is not null)
        {
            // A session that ignores the fast shutdown must not keep the server (and the caller) alive.
            EmbeddedPostgresLog.FastStopFailed(logger, clusterDirectory, e);
            await account.RunAsync(binaries.PgCtl, ["stop", "-D", clusterDirectory, "-m", "immediate", "-w", "-t", "30"], StopTimeout, cancellationToken);
        }
    }

    private static List<string> StartArguments(EmbeddedPostgresSettings settings, int port)
    {
        // Loopback TCP only; no Unix socket, whose default directory (/var/run/postgresql) may not exist or be shared.
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        if (!settings.Durable)
        {
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var timeoutSeconds = ((int)Math.Ceiling(settings.StartTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ["start", "-D", settings.ClusterDirectory, "-w", "-t", timeoutSeconds, "-l", settings.ServerLogFile, "-o", serverOptions];
    }

    /// <summary>Creates the cluster when it does not exist yet; returns the superuser's password.</summary>
    private static async Task<string> EnsureClusterAsync(EmbeddedPostgresSettings settings, ServerAccount account, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = settings.ClusterDirectory;
        if (File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            if (!File.Exists(settings.PasswordFile))
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL cluster in {cluster} exists but its password file {settings.PasswordFile} is missing; restore it, or remove {settings.RootDirectory} to start with an empty database.");
            }

            return (await File.ReadAllTextAsync(settings.PasswordFile, cancellationToken)).Trim();
        }

        // No PG_VERSION: nothing, or what an initdb interrupted by a kill left; start over.
        if (Directory.Exists(cluster))
        {
            Directory.Delete(cluster, recursive: true);
        }

        EmbeddedPostgresLog.CreatingCluster(logger, settings.Binaries.MajorVersion, cluster);
        Directory.CreateDirectory(cluster);
        UnixFiles.SetMode(cluster, UnixFiles.OwnerOnly);
        await account.GiveAsync(cluster, cancellationToken);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(settings.PasswordFile, password, cancellationToken);
        UnixFiles.SetMode(settings.PasswordFile, UnixFiles.OwnerReadWrite);

        // initdb reads the password from a file that only the server's user can read, deleted right after.
        var passwordForInitDb = Path.Combine(settings.RootDirectory, "initdb.pwfile");
        await File.WriteAllTextAsync(passwordForInitDb, password, cancellationToken);
        UnixFiles.SetMode(passwordForInitDb, UnixFiles.OwnerReadWrite);
        try
        {
            await account.GiveAsync(passwordForInitDb, cancellationToken);
            List<string> arguments =
            [
                "-D", cluster, "-U", SuperuserName, $"--pwfile={passwordForInitDb}", "-E", "UTF8", "--locale=C",
                "--auth-host=scram-sha-256", "--auth-local=peer",
            ];
            if (!settings.Durable)
            {
                arguments.Add("--no-sync");
            }

            await account.RunAsync(settings.Binaries.InitDb, arguments, TimeSpan.FromMinutes(2), cancellationToken);
        }
        finally
        {
            File.Delete(passwordForInitDb);
        }

        return password;
    }

    private static string ServerLogTail(EmbeddedPostgresSettings settings)
    {
        if (!File.Exists(settings.ServerLogFile))
        {
            return "(no server log)";
        }

        var lines = File.ReadAllLines(settings.ServerLogFile);
        return string.Join(Environment.NewLine, lines.TakeLast(20));
    }
}
