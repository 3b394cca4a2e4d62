using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Storage;

namespace PerfFleet.Coordinator.Security;

/// <summary>
/// A first run with no tokens configured must not leave the admin API open: each missing token
/// is generated once into the data directory (<c>admin-token</c>, <c>fleet-token</c>, mode 0600)
/// and read back on later starts. The CLI and local workers read the same files.
/// </summary>
internal sealed class GeneratedTokens(IOptions<DatabaseOptions> database) : IPostConfigureOptions<SecurityOptions>
{
    public const string AdminTokenFile = "admin-token";
    public const string FleetTokenFile = "fleet-token";

    public void PostConfigure(string? name, SecurityOptions options)
    {
        var directory = Path.GetFullPath(database.Value.DataDirectory);
        if (options.AdminTokens.Count == 0)
        {
            options.AdminTokens.Add(ReadOrCreate(Path.Combine(directory, AdminTokenFile)));
        }

        if (string.IsNullOrEmpty(options.FleetToken))
        {
            options.FleetToken = ReadOrCreate(Path.Combine(directory, FleetTokenFile));
        }
    }

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, token);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
