namespace PerfFleet.EmbeddedPostgres;

/// <summary>
/// The operating-system account the PostgreSQL programs run as. initdb and postgres refuse to
/// run as root, so a root coordinator runs them as the <c>postgres</c> system user through
/// <c>runuser</c> and hands that user the cluster directory; anyone else runs them as themselves.
/// </summary>
internal sealed class ServerAccount
{
    private static readonly string[] RunUserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private ServerAccount(string? systemUser) => SystemUser = systemUser;

    /// <summary>The user to switch to, or null when the programs run as the current user.</summary>
    public string? SystemUser { get; }

    public static ServerAccount ForCurrentProcess(string systemUser) =>
        new(Environment.IsPrivilegedProcess ? systemUser : null);

    /// <summary>The command line that runs <paramref name="program"/> as the server's user.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string program, IEnumerable<string> arguments)
    {
        if (SystemUser is null)
        {
            return (program, arguments.ToList());
        }

        var runUser = RunUserLocations.FirstOrDefault(File.Exists)
            ?? throw new EmbeddedPostgresException("Running as root, PerfFleet needs `runuser` (package util-linux) to start PostgreSQL as the postgres user.");
        return (runUser, new[] { "-u", SystemUser, "--", program }.Concat(arguments).ToList());
    }

    public async Task<CommandRunner.Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (fileName, commandArguments) = Command(program, arguments);
        return await CommandRunner.RunCheckedAsync(fileName, commandArguments, timeout, cancellationToken);
    }

    /// <summary>Gives the server's user a file or directory tree (no-op when not switching users).</summary>
    public async Task GiveAsync(string path, CancellationToken cancellationToken)
    {
        if (SystemUser is null)
        {
            return;
        }

        await CommandRunner.RunCheckedAsync("chown", ["-R", $"{SystemUser}:", path], TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Fails early, with a fix, when the server's user cannot reach the directory (e.g. under /root).</summary>
    public async Task EnsureCanReachAsync(string directory, CancellationToken cancellationToken)
    {
        if (SystemUser is null)
        {
            return;
        }

        var (fileName, arguments) = Command("/usr/bin/test", ["-x", directory]);
        var result = await CommandRunner.RunAsync(fileName, arguments, TimeSpan.FromSeconds(10), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"The '{SystemUser}' user cannot reach {directory}, so the embedded PostgreSQL cannot use it. " +
                $"Choose a {DatabaseSettingNames.DataDirectory} whose parent directories others may enter (chmod o+x), e.g. /var/lib/perffleet.");
        }
    }
}
