namespace PerfFleet.Cli.Connection;

/// <summary>Where the coordinator is and how to authenticate: flags win over environment.</summary>
public sealed record ConnectionSettings(Uri Address, string? Token)
{
    public static ConnectionSettings Resolve(string? addressFlag, string? tokenFlag, Func<string, string?> environment)
    {
        var address = FirstNonEmpty(addressFlag, environment(GlobalOptions.CoordinatorVariable)) ?? GlobalOptions.DefaultCoordinator;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--coordinator: \"{address}\" is not an http:// or https:// address");
        }

        return new ConnectionSettings(uri, FirstNonEmpty(tokenFlag, environment(GlobalOptions.TokenVariable)));
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
